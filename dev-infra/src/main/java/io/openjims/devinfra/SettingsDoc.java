package io.openjims.devinfra;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.openjims.support.config.EnvAliases;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a service, read from its {@code @ConfigMapping} interfaces: the property, its environment variable
 * (the documented alias of {@link EnvAliases} where there is one), the {@code @WithDefault} and the Javadoc. Each
 * service's SettingsDocTest checks that README.md shows exactly this table between
 * {@code <!-- settings:<service>:start -->} and {@code <!-- settings:<service>:end -->}, and that
 * application.properties repeats no default. {@code -Dopenjims.update-docs=true} rewrites the README table instead.
 */
public final class SettingsDoc {

    /** One setting. */
    public record Setting(String property, String variable, String defaultValue, String description) {}

    private static final Pattern MEMBER = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*((?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*)[\\w<>,.? ]+?\\s+(\\w+)\\(\\)\\s*;",
            Pattern.DOTALL);

    private final Path moduleDir;
    private final List<Setting> settings;

    private SettingsDoc(Path moduleDir, List<Setting> settings) {
        this.moduleDir = moduleDir;
        this.settings = settings;
    }

    /** The settings of the service whose classes are under {@code io.openjims.<service>}; run from its module. */
    public static SettingsDoc of(String service) {
        Path moduleDir = Path.of("").toAbsolutePath();
        Map<String, String> aliases = EnvAliases.load(SettingsDoc.class.getClassLoader());
        List<Setting> settings = new ArrayList<>();
        new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.openjims." + service)
                        .stream()
                        .filter(c -> c.isAnnotatedWith(ConfigMapping.class))
                        .map(JavaClass::reflect)
                        .sorted(Comparator.comparing(Class::getName))
                        .forEach(mapping -> walk(
                                mapping,
                                mapping.getAnnotation(ConfigMapping.class).prefix(),
                                moduleDir,
                                aliases,
                                settings));
        settings.sort(Comparator.comparing(Setting::property));
        return new SettingsDoc(moduleDir, List.copyOf(settings));
    }

    public List<Setting> settings() {
        return settings;
    }

    /** The README table of these settings. */
    public String table() {
        StringBuilder table =
                new StringBuilder("| Property | Environment variable | Default | Meaning |\n|---|---|---|---|\n");
        for (Setting s : settings) {
            table.append("| `")
                    .append(s.property())
                    .append("` | ")
                    .append(s.variable() == null ? "" : "`" + s.variable() + "`")
                    .append(" | ")
                    .append(s.defaultValue())
                    .append(" | ")
                    .append(s.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The README's table for {@code service}, or null when its markers are missing. */
    public static String readmeTable(String readme, String service) {
        int start = readme.indexOf(startMarker(service));
        int end = readme.indexOf(endMarker(service));
        if (start < 0 || end < start) {
            return null;
        }
        return readme.substring(start + startMarker(service).length(), end).strip() + "\n";
    }

    /** Checks README.md (or rewrites it with {@code -Dopenjims.update-docs=true}); returns the problems found. */
    public List<String> checkReadme(String service) {
        Path readmePath = moduleDir.getParent().resolve("README.md");
        String readme = read(readmePath);
        String documented = readmeTable(readme, service);
        if (documented == null) {
            return List.of("README.md has no " + startMarker(service) + " ... " + endMarker(service) + " section");
        }
        if (documented.equals(table())) {
            return List.of();
        }
        if (Boolean.getBoolean("openjims.update-docs")) {
            int start =
                    readme.indexOf(startMarker(service)) + startMarker(service).length();
            int end = readme.indexOf(endMarker(service));
            write(readmePath, readme.substring(0, start) + "\n" + table() + readme.substring(end));
            return List.of();
        }
        return List.of("README.md's settings table of " + service
                + " is not what the @ConfigMapping interfaces say; run its SettingsDocTest with"
                + " -Dopenjims.update-docs=true to rewrite it. Expected:\n" + table());
    }

    /** Properties that application.properties sets outside a profile although a mapping already defines them. */
    public List<String> repeatedInApplicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(moduleDir.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Pattern> mapped = settings.stream()
                .map(s -> Pattern.compile(Pattern.quote(s.property()).replace("\"<name>\"", "\\E[^.]+\\Q")))
                .toList();
        Set<String> repeated = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")
                    && mapped.stream().anyMatch(p -> p.matcher(key).matches())) {
                repeated.add(key + "=" + properties.getProperty(key));
            }
        }
        return List.copyOf(repeated);
    }

    static String startMarker(String service) {
        return "<!-- settings:" + service + ":start -->";
    }

    static String endMarker(String service) {
        return "<!-- settings:" + service + ":end -->";
    }

    private static void walk(
            Class<?> group, String prefix, Path moduleDir, Map<String, String> aliases, List<Setting> out) {
        Map<String, String> docs = javadocs(group, moduleDir);
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault() || method.isSynthetic()) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Type type = method.getGenericReturnType();
            Class<?> raw = rawClass(type);
            if (raw == Optional.class) {
                type = typeArgument(type, 0);
                raw = rawClass(type);
            }
            if (Map.class.isAssignableFrom(raw) && isGroup(rawClass(typeArgument(type, 1)))) {
                walk(rawClass(typeArgument(type, 1)), name + ".\"<name>\"", moduleDir, aliases, out);
                continue;
            }
            if (isGroup(raw)) {
                walk(raw, name, moduleDir, aliases, out);
                continue;
            }
            WithDefault withDefault = method.getAnnotation(WithDefault.class);
            String defaultValue;
            if (withDefault != null) {
                defaultValue = withDefault.value().isEmpty() ? "empty" : "`" + withDefault.value() + "`";
            } else if (method.getReturnType() == Optional.class
                    || Collection.class.isAssignableFrom(raw)
                    || method.getReturnType().getName().startsWith("java.util.Optional")) {
                defaultValue = "none";
            } else {
                defaultValue = "required";
            }
            String variable = aliases.get(name);
            if (variable == null && !name.contains("\"")) {
                variable = name.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            }
            out.add(new Setting(name, variable, defaultValue, docs.getOrDefault(method.getName(), "")));
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface()
                && !type.getName().startsWith("java.")
                && !Collection.class.isAssignableFrom(type)
                && !Map.class.isAssignableFrom(type);
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    /** {@code maxInFlight} -> {@code max-in-flight}, as SmallRye's default naming does. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Method name to its Javadoc's text, for the members declared directly in {@code group}. */
    private static Map<String, String> javadocs(Class<?> group, Path moduleDir) {
        Class<?> outer = group;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        Path source = moduleDir.resolve("src/main/java").resolve(outer.getName().replace('.', '/') + ".java");
        if (!Files.exists(source)) {
            return Map.of();
        }
        String text = read(source);
        String masked = maskComments(text);
        int open = declarationBody(masked, group.getSimpleName());
        if (open < 0) {
            return Map.of();
        }
        int close = matchingBrace(masked, open);
        // Blank out nested type bodies so their members are not taken as this group's.
        StringBuilder own = new StringBuilder(text.substring(open + 1, close));
        String ownMasked = masked.substring(open + 1, close);
        for (int i = 0; i < ownMasked.length(); i++) {
            if (ownMasked.charAt(i) == '{') {
                int end = matchingBrace(ownMasked, i);
                for (int j = i; j <= end; j++) {
                    own.setCharAt(j, ' ');
                }
                i = end;
            }
        }
        Map<String, String> docs = new java.util.HashMap<>();
        Matcher m = MEMBER.matcher(own);
        while (m.find()) {
            docs.put(m.group(3), plain(m.group(1)));
        }
        return docs;
    }

    private static int declarationBody(String masked, String simpleName) {
        Matcher m = Pattern.compile("\\binterface\\s+" + Pattern.quote(simpleName) + "\\b[^{]*\\{")
                .matcher(masked);
        return m.find() ? m.end() - 1 : -1;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length() - 1;
    }

    /** Comments and string literals replaced by spaces, so braces inside them do not count. */
    private static String maskComments(String text) {
        StringBuilder out = new StringBuilder(text);
        Matcher m = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL)
                .matcher(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }

    /** Javadoc to one line of Markdown. */
    private static String plain(String javadoc) {
        String text = Arrays.stream(javadoc.split("\n"))
                .map(line -> line.strip().replaceFirst("^\\*\\s?", ""))
                .reduce((a, b) -> a + " " + b)
                .orElse("")
                .strip();
        text = text.replaceAll("\\{@(?:code|literal) ([^}]*)}", "`$1`");
        text = text.replaceAll("\\{@(?:link|linkplain|value) (?:[\\w.]*#)?([^} ]+)[^}]*}", "`$1`");
        text = text.replaceAll("</?\\w+>", "");
        // "Default 500." repeats the Default column.
        text = text.replaceAll("\\s+Default [^.]*\\.$", "");
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String text) {
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
