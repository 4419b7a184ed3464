package dev.proxima.prefs.sft;

import dev.proxima.core.io.Safetensors;
import dev.proxima.core.io.StateDict;
import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.random.Rng;
import dev.proxima.core.seq.SequenceTask;
import dev.proxima.prefs.policy.TransformerPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * SFT reference policies, cached on disk as safetensors and rebuilt deterministically when
 * absent (spec §0.5: a run never depends on a committed binary). The file name carries the
 * task, model size, SFT settings and seed, so a changed setting never loads a stale model.
 */
public final class SftReference {
    private SftReference() {}

    /**
     * Eight hex digits that tell apart tasks of one name with other settings (digits, lengths, seeds):
     * a hash of the first 32 training problems drawn with a fixed seed, prompts and answers.
     */
    static String fingerprint(SequenceTask task) {
        Rng rng = Rng.of(0);
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < 32; i++) {
            SequenceTask.Problem p = task.train(rng);
            for (int t : p.prompt()) h = (h ^ t) * 0x100000001b3L;
            h = (h ^ -1) * 0x100000001b3L;
            for (int t : p.answer()) h = (h ^ t) * 0x100000001b3L;
            h = (h ^ -2) * 0x100000001b3L;
        }
        return String.format("%08x", (int) (h ^ (h >>> 32)));
    }

    /**
     * The reference for {@code task}: loaded from {@code cacheDir} when present, otherwise a fresh
     * model (seeded) trained by {@link Sft#train} and saved there.
     */
    public static TransformerPolicy load(SequenceTask task, TinyTransformer.Config model, Sft.Config sft, long seed,
                                         Path cacheDir) {
        String name = String.format("sft-%s-%s-v%d-c%d-d%d-l%d-h%d-s%d-b%d-lr%s-seed%d.safetensors", task.name(), fingerprint(task),
                model.vocabSize(), model.contextLength(), model.width(), model.layers(), model.heads(), sft.steps(),
                sft.batchSize(), Double.toString(sft.learningRate()), seed);
        Path file = cacheDir.resolve(name);
        TinyTransformer network = new TinyTransformer(model, Rng.of(seed));
        try {
            if (Files.isRegularFile(file)) {
                network.loadState(Safetensors.read(file).state());
                return new TransformerPolicy(network);
            }
            TransformerPolicy policy = new TransformerPolicy(network);
            Sft.train(policy, task, sft, Rng.of(seed).split());
            Files.createDirectories(cacheDir);
            StateDict state = new StateDict();
            network.saveState(state);
            Path partial = cacheDir.resolve(name + ".partial");
            Safetensors.write(partial, state, Map.of("task", task.name(), "sft_steps", Integer.toString(sft.steps()),
                    "seed", Long.toString(seed)));
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return policy;
        } catch (IOException e) {
            throw new UncheckedIOException("SFT reference cache " + file + ": " + e.getMessage(), e);
        }
    }
}
