package io.openjims.cli.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Prints an answer as JSON or as a plain table ({@code --output json|table}). */
public final class Output {

    /** The choices of {@code --output}. */
    public enum Format {
        table,
        json
    }

    private Output() {}

    /** An array of objects as rows (the given columns, else every field of the first item); an object as lines. */
    public static void print(PrintWriter out, Format format, JsonNode node, List<String> columns) {
        if (format == Format.json) {
            out.println(Json.pretty(node));
        } else if (node.isArray()) {
            out.print(table(node, columns));
        } else if (node.isObject()) {
            int width = 0;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                width = Math.max(width, it.next().length());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.println(pad(field.getKey(), width) + "  " + cell(field.getValue()));
            }
        } else {
            out.println(node.asText());
        }
        out.flush();
    }

    /** Rows of the given columns, space-aligned, with a header line. */
    public static String table(JsonNode array, List<String> columns) {
        List<String> names = new ArrayList<>(columns == null ? List.of() : columns);
        if (names.isEmpty() && array.size() > 0) {
            array.get(0).fieldNames().forEachRemaining(names::add);
        }
        if (array.isEmpty()) {
            return "(none)\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(names);
        for (JsonNode item : array) {
            List<String> row = new ArrayList<>();
            for (String name : names) {
                row.add(cell(item.path(name)));
            }
            rows.add(row);
        }
        int[] widths = new int[names.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]) + "  ");
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "-";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.isValueNode() ? v.asText() : Json.compact(v)));
            return parts.isEmpty() ? "-" : String.join(",", parts);
        }
        if (value.isObject()) {
            return Json.compact(value);
        }
        return value.asText();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
