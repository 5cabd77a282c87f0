package br.com.rhp.hospital.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads {@code .env} from the working directory as configuration, below the real environment
 * variables (which win) and above {@code application.properties}.
 *
 * <p>Syntax, one setting per line: {@code KEY=value}. Blank lines and lines starting with {@code #}
 * are ignored; a leading {@code export } is allowed. An unquoted value is taken literally up to an
 * inline {@code " #"} comment, with surrounding spaces removed — backslashes stay as they are, so
 * Windows paths ({@code C:\dados\staging}) work. {@code 'single quotes'} keep everything literally;
 * {@code "double quotes"} understand {@code \n}, {@code \"} and {@code \\}. A malformed line stops
 * start-up, naming its line number (never its value, which may be a secret). An empty value
 * ({@code KEY=}) leaves the key unset, so its default applies.
 */
public class DotEnv implements EnvironmentPostProcessor, Ordered {

    /** The property source's name. */
    public static final String SOURCE = "dotenv";

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path file = Path.of(System.getProperty("hospital.dotenv", ".env"));
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, Object> values;
        try {
            values = new LinkedHashMap<>(parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file.toAbsolutePath(), e);
        }
        // KEY= with nothing after it, as .env.example ships most keys, means "not set": the default
        // applies (an empty DATABASE_URL would otherwise be an empty JDBC URL, not the SQLite default)
        values.values().removeIf(value -> value.toString().isEmpty());
        MapPropertySource source = new MapPropertySource(SOURCE, values);
        var sources = environment.getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addLast(source);
        }
    }

    @Override
    public int getOrder() {
        // before Boot's config data processing, so application.properties can refer to these keys
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    /**
     * Parses the lines of a {@code .env} file.
     *
     * @throws IllegalArgumentException naming the first malformed line
     */
    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip(); // a byte order mark written by Windows editors
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(".env line " + (i + 1) + ": expected KEY=value");
            }
            String key = line.substring(0, eq).strip();
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(".env line " + (i + 1) + ": invalid key name");
            }
            values.put(key, value(line.substring(eq + 1).strip(), i + 1));
        }
        return values;
    }

    private static String value(String raw, int lineNumber) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            if (end < 0) {
                throw new IllegalArgumentException(".env line " + lineNumber + ": unclosed single quote");
            }
            return raw.substring(1, end);
        }
        if (raw.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    switch (next) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case '"' -> out.append('"');
                        case '\\' -> out.append('\\');
                        default -> out.append('\\').append(next);
                    }
                } else {
                    out.append(c);
                }
            }
            throw new IllegalArgumentException(".env line " + lineNumber + ": unclosed double quote");
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }
}
