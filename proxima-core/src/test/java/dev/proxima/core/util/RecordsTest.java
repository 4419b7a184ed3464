package dev.proxima.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecordsTest {
    record Settings(int size, double rate, String name) {
        Settings {
            Checks.positive(size, "size");
        }
    }

    @Test
    void copiesWithOneComponentReplacedAndValidatesThroughTheConstructor() {
        Settings s = new Settings(3, 0.5, "a");
        assertEquals(new Settings(7, 0.5, "a"), Records.with(s, "size", 7));
        assertEquals(new Settings(3, 0.5, "b"), Records.with(s, "name", "b"));
        assertEquals(new Settings(3, 0.5, "a"), s, "the original is untouched");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Records.with(s, "size", 0));
        assertTrue(bad.getMessage().contains("size"), bad.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Records.with(s, "width", 1));
        assertTrue(unknown.getMessage().contains("no component 'width'"), unknown.getMessage());
    }
}
