package dev.proxima.core.util;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/** Copies of records with one component replaced, for the {@code withX} methods of config records. */
public final class Records {
    private Records() {}

    /**
     * A copy of {@code record} with the component {@code name} set to {@code value}, built through
     * the canonical constructor so that the record's own validation runs. An invalid value throws
     * what that constructor throws (an {@link IllegalArgumentException} in Proxima's configs).
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(R record, String name, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (components[i].getName().equals(name)) {
                    values[i] = value;
                    found = true;
                } else {
                    values[i] = components[i].getAccessor().invoke(record);
                }
            }
            if (!found) {
                throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no component '" + name + "'");
            }
            var constructor = record.getClass().getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return (R) constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
        }
    }
}
