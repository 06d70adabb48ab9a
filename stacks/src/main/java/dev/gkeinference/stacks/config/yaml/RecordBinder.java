package dev.gkeinference.stacks.config.yaml;

import dev.gkeinference.stacks.config.Problems;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gives {@link YamlNode}s their meaning as the config records declare it: a record is a mapping with exactly its
 * component names as keys, a {@code String} is text, an {@code Integer} a whole number in range, a {@code Double}
 * a number, a {@code Boolean} true or false, a {@code List} a sequence, a {@code Map<String, ...>} a mapping. No
 * value is converted into another type: a quoted number is not a number, a number is not text, 3.5 is not a whole
 * number. A key left out, or set to null, is null in the record (its default is applied later). Every mismatch is
 * a problem at its key path; binding goes on, so all of them are reported at once.
 */
public final class RecordBinder {
    private final Problems problems;

    private RecordBinder(Problems problems) {
        this.problems = problems;
    }

    /** The root mapping as an instance of {@code type}; null where the file does not fit (see problems). */
    public static <R extends Record> R bind(YamlNode root, Class<R> type, Problems problems) {
        return type.cast(new RecordBinder(problems).value(root, type, ""));
    }

    private Object value(YamlNode node, Type type, String path) {
        if (node instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return null;
        }
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            return record(node, raw, path);
        }
        if (raw == List.class) {
            return list(node, typeArgument(type, 0), path);
        }
        if (raw == Map.class) {
            return map(node, typeArgument(type, 1), path);
        }
        return scalar(node, raw, path);
    }

    private Object record(YamlNode node, Class<?> type, String path) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            return mismatch(node, "a mapping of keys to values", path);
        }
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            index.put(components[i].getName(), i);
        }
        Object[] args = new Object[components.length];
        boolean complete = true;
        for (YamlNode.Entry entry : mapping.entries()) {
            String at = child(path, entry.key());
            Integer i = index.get(entry.key());
            if (i == null) {
                problems.add(at, "unknown key (line " + entry.line() + "): allowed keys here are "
                        + index.keySet().stream().sorted().collect(Collectors.joining(", ")));
                complete = false;
                continue;
            }
            args[i] = value(entry.value(), components[i].getGenericType(), at);
            complete &= args[i] != null || isNull(entry.value());
        }
        return complete ? construct(type, components, args, path) : null;
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar scalar && scalar.isNull();
    }

    private Object construct(Class<?> type, RecordComponent[] components, Object[] args, String path) {
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return type.getDeclaredConstructor(parameterTypes).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                problems.add(path.isEmpty() ? "(top level)" : path, invalid.getMessage());
                return null;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("config record " + type.getName() + " cannot be constructed", e);
        }
    }

    private Object list(YamlNode node, Type elementType, String path) {
        if (!(node instanceof YamlNode.Sequence sequence)) {
            return mismatch(node, "a list", path);
        }
        List<Object> values = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < sequence.items().size(); i++) {
            Object element = element(sequence.items().get(i), elementType, path + "[" + i + "]");
            complete &= element != null;
            values.add(element);
        }
        return complete ? List.copyOf(values) : null;
    }

    private Object map(YamlNode node, Type valueType, String path) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            return mismatch(node, "a mapping of keys to values", path);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        boolean complete = true;
        for (YamlNode.Entry entry : mapping.entries()) {
            Object value = element(entry.value(), valueType, child(path, entry.key()));
            complete &= value != null;
            values.put(entry.key(), value);
        }
        return complete ? java.util.Collections.unmodifiableMap(values) : null;
    }

    /** A list element or map value: present, unlike a record component that may be left out. */
    private Object element(YamlNode node, Type type, String path) {
        if (isNull(node)) {
            problems.add(path, "null is not allowed here (line " + node.line() + "): give a value or remove it");
            return null;
        }
        return value(node, type, path);
    }

    private Object scalar(YamlNode node, Class<?> type, String path) {
        if (!(node instanceof YamlNode.Scalar scalar)) {
            return mismatch(node, expected(type), path);
        }
        if (type == String.class && scalar.isText()) {
            return scalar.text();
        }
        if (type == Boolean.class && scalar.isBoolean()) {
            return Boolean.valueOf(scalar.text().toLowerCase(java.util.Locale.ROOT));
        }
        if (type == Integer.class && scalar.isInteger()) {
            return wholeNumber(scalar, path);
        }
        if (type == Double.class && scalar.isNumber()) {
            return scalar.doubleValue();
        }
        return mismatch(node, expected(type), path);
    }

    private Object wholeNumber(YamlNode.Scalar scalar, String path) {
        BigInteger value = new BigInteger(scalar.text());
        if (value.bitLength() >= Integer.SIZE) {
            problems.add(path, Problems.quote(scalar.text()) + " is out of range (line " + scalar.line()
                    + "): allowed are "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            return null;
        }
        return value.intValue();
    }

    private Object mismatch(YamlNode node, String expected, String path) {
        problems.add(path.isEmpty() ? "(top level)" : path, describe(node) + " is not " + expected + " (line "
                + node.line() + ")"
                + hint(node, expected));
        return null;
    }

    /** What was found, as the file writes it. */
    private static String describe(YamlNode node) {
        if (node instanceof YamlNode.Sequence) {
            return "a list";
        }
        if (node instanceof YamlNode.Mapping) {
            return "a mapping";
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        return Problems.quote(scalar.text()) + (scalar.plain() ? "" : " (quoted)");
    }

    /** The usual mistake behind a mismatch, if there is one. */
    private static String hint(YamlNode node, String expected) {
        if (!(node instanceof YamlNode.Scalar scalar)) {
            return "";
        }
        if (expected.equals("text") && !scalar.isText()) {
            return ": quote it to make it text";
        }
        if (!scalar.plain() && !expected.equals("text")) {
            return ": remove the quotes";
        }
        return "";
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class) {
            return "a whole number";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        throw new IllegalStateException("config records hold no " + type.getName());
    }

    /** Fails unless every component reachable from {@code type} has a type this binder reads. */
    public static void requireSupported(Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            requireSupported(component.getGenericType(), type.getSimpleName() + "." + component.getName());
        }
    }

    private static void requireSupported(Type type, String where) {
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            requireSupported(raw);
        } else if (raw == List.class) {
            requireSupported(typeArgument(type, 0), where);
        } else if (raw == Map.class && typeArgument(type, 0) == String.class) {
            requireSupported(typeArgument(type, 1), where);
        } else if (!List.of(String.class, Integer.class, Double.class, Boolean.class).contains(raw)) {
            throw new IllegalStateException(where + ": a config record component cannot be " + type.getTypeName()
                    + " (use String, Integer, Double, Boolean, List, Map<String, ...> or a record)");
        }
    }

    private static String child(String path, String key) {
        return KeyPath.child(path, key);
    }

    private static Class<?> rawClass(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
