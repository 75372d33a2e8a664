package io.incident.parsers.jfr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types of one chunk, read from its metadata record: what makes JFR self-describing. The record holds a string
 * table and then a tree of elements (name, attributes, children); under {@code metadata}, each {@code class} element is
 * a type (attributes {@code id}, {@code name}, {@code superType}, {@code simpleType}) whose {@code field} children
 * (attributes {@code name}, {@code class} = type id, {@code constantPool}, {@code dimension}) carry their
 * {@code annotation} children ({@code class} = annotation type id, {@code value}).
 */
final class JfrMetadata {
    /** How a field's value is laid out in a record. */
    enum Kind { BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, STRUCT }

    /**
     * One field of a type: its name, its type, whether it holds a constant pool key and whether it is an array, and
     * the annotations the reader needs: the {@code jdk.jfr.Timespan} unit (or null) and {@code jdk.jfr.Unsigned}.
     */
    record Field(String name, long typeId, Type type, boolean pool, boolean array, String timespan,
                 boolean unsigned) {
    }

    static final class Type {
        final long id;
        final String name;
        final String superType;
        /** A one-field type the JDK reduces to its field's value (a Symbol is its string). */
        final boolean simple;
        final List<Field> fields = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        Kind kind;

        Type(long id, String name, String superType, boolean simple) {
            this.id = id;
            this.name = name;
            this.superType = superType;
            this.simple = simple;
        }

        boolean isEvent() {
            return "jdk.jfr.Event".equals(superType);
        }

        Field field(String fieldName) {
            Integer i = index.get(fieldName);
            return i == null ? null : fields.get(i);
        }
    }

    private record Element(String name, Map<String, String> attributes, List<Element> children) {
        List<Element> all(String childName) {
            List<Element> out = new ArrayList<>();
            for (Element c : children) {
                if (c.name.equals(childName)) {
                    out.add(c);
                }
            }
            return out;
        }
    }

    private final Map<Long, Type> types = new HashMap<>();

    Type type(long id) {
        return types.get(id);
    }

    Type named(String name) {
        for (Type t : types.values()) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Reads the metadata whose string table starts at the cursor. */
    static JfrMetadata read(ChunkCursor in) {
        int n = in.int32();
        String[] strings = new String[n];
        for (int i = 0; i < n; i++) {
            strings[i] = (String) in.string(null);
        }
        Element root = element(in, strings, 0);
        JfrMetadata m = new JfrMetadata();
        List<Element> metadata = root.all("metadata");
        if (metadata.isEmpty()) {
            throw new DirectUnsupported("metadata without a metadata element");
        }
        List<Element> classes = metadata.get(0).all("class");
        for (Element c : classes) {
            Type t = new Type(number(c, "id"), c.attributes.get("name"), c.attributes.get("superType"),
                    c.attributes.get("simpleType") != null);
            m.types.put(t.id, t);
        }
        for (Element c : classes) {
            Type t = m.types.get(number(c, "id"));
            for (Element f : c.all("field")) {
                String name = f.attributes.get("name");
                Type type = m.types.get(number(f, "class"));
                if (type == null) {
                    throw new DirectUnsupported("field " + name + " of " + t.name + " has an undefined type");
                }
                String timespan = null;
                boolean unsigned = false;
                for (Element a : f.all("annotation")) {
                    Type at = m.types.get(number(a, "class"));
                    String an = at == null ? "" : at.name;
                    if (an.equals("jdk.jfr.Timespan")) {
                        timespan = a.attributes.getOrDefault("value", "");
                    } else if (an.equals("jdk.jfr.Unsigned")) {
                        unsigned = true;
                    }
                }
                Field field = new Field(name, type.id, type, f.attributes.get("constantPool") != null,
                        number(f, "dimension", 0) != 0, timespan, unsigned);
                t.index.putIfAbsent(field.name(), t.fields.size());
                t.fields.add(field);
            }
        }
        for (Type t : m.types.values()) {
            t.kind = kindOf(t);
        }
        return m;
    }

    private static Kind kindOf(Type t) {
        if (!t.fields.isEmpty()) {
            return Kind.STRUCT;
        }
        return switch (t.name) {
            case "boolean" -> Kind.BOOLEAN;
            case "byte" -> Kind.BYTE;
            case "short" -> Kind.SHORT;
            case "char" -> Kind.CHAR;
            case "int" -> Kind.INT;
            case "long" -> Kind.LONG;
            case "float" -> Kind.FLOAT;
            case "double" -> Kind.DOUBLE;
            case "java.lang.String" -> Kind.STRING;
            default -> null; // an annotation or a setting type: never a value
        };
    }

    private static Element element(ChunkCursor in, String[] strings, int depth) {
        if (depth > 64) {
            throw new DirectUnsupported("metadata nested deeper than 64");
        }
        String name = string(in, strings);
        int attributes = in.int32();
        Map<String, String> attrs = new HashMap<>();
        for (int i = 0; i < attributes; i++) {
            attrs.put(string(in, strings), string(in, strings));
        }
        int children = in.int32();
        List<Element> kids = new ArrayList<>(Math.max(0, Math.min(children, 1024)));
        for (int i = 0; i < children; i++) {
            kids.add(element(in, strings, depth + 1));
        }
        return new Element(name, attrs, kids);
    }

    private static String string(ChunkCursor in, String[] strings) {
        int i = in.int32();
        if (i < 0 || i >= strings.length) {
            throw new DirectUnsupported("metadata string index " + i + " out of range");
        }
        return strings[i];
    }

    private static long number(Element e, String attribute) {
        String v = e.attributes.get(attribute);
        if (v == null) {
            throw new DirectUnsupported("metadata " + e.name + " without " + attribute);
        }
        return number(e, attribute, 0);
    }

    private static long number(Element e, String attribute, long absent) {
        String v = e.attributes.get(attribute);
        try {
            return v == null ? absent : Long.parseLong(v);
        } catch (NumberFormatException x) {
            throw new DirectUnsupported("metadata " + e.name + " " + attribute + "=" + v + " is not a number");
        }
    }
}
