package dev.proxima.prefs.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.envs.text.Addition;
import dev.proxima.envs.text.TwoPathLock;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftReferenceTest {
    @TempDir
    Path cache;

    /** Tasks that share a name but not their settings must not share a cached reference. */
    @Test
    void theCacheKeyTellsTaskSettingsApart() throws Exception {
        assertEquals(SftReference.fingerprint(Addition.twoDigits()), SftReference.fingerprint(Addition.twoDigits()));
        assertNotEquals(SftReference.fingerprint(Addition.twoDigits()), SftReference.fingerprint(new Addition(1, -1)));
        assertNotEquals(SftReference.fingerprint(TwoPathLock.standard()),
                SftReference.fingerprint(new TwoPathLock(8, 4, 8, 0.05, 0)));

        TinyTransformer.Config model = TinyTransformer.Config.tiny(29, 40);
        TransformerPolicy one = SftReference.load(new Addition(1, -1), model, Sft.Config.defaults(5), 0, cache);
        TransformerPolicy two = SftReference.load(Addition.twoDigits(), model, Sft.Config.defaults(5), 0, cache);
        try (var files = Files.list(cache)) {
            assertEquals(2, files.count(), "one file per task setting");
        }
        TransformerPolicy again = SftReference.load(new Addition(1, -1), model, Sft.Config.defaults(5), 0, cache);
        assertArrayEquals(one.model().parameters().get(0).data, again.model().parameters().get(0).data);
    }
}
