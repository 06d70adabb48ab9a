package dev.gkeinference.picker.cli;

import dev.gkeinference.picker.endpoint.Endpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed readers of flag values; each error names the flag, the value and what is allowed. */
final class FlagValues {

    /** One term of a Kubernetes label selector: key, !key, key=v, key==v, key!=v, key in (a,b), key notin (a,b). */
    private static final Pattern SELECTOR_TERM = Pattern.compile(
            "!?[A-Za-z0-9./_-]+|[A-Za-z0-9./_-]+\\s*(=|==|!=)\\s*[A-Za-z0-9._-]*"
                    + "|[A-Za-z0-9./_-]+\\s+(in|notin)\\s+\\(\\s*[A-Za-z0-9._-]*(\\s*,\\s*[A-Za-z0-9._-]*)*\\s*\\)");

    private final Map<String, String> values;

    FlagValues(Map<String, String> values) {
        this.values = values;
    }

    String text(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String text(String name, String fallback) {
        String v = text(name);
        return v == null ? fallback : v;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int port(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(v.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a port number 0..65535, got '" + v + "'");
    }

    boolean bool(String name, boolean fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "t" -> true;
            case "false", "0", "f" -> false;
            default -> throw new UsageException("--" + name + " must be true or false, got '" + v + "'");
        };
    }

    /** Go-style durations, as the upstream picker's flags take them: 50ms, 2s, 1m30s, 1500us; at least {@code min}. */
    Duration duration(String name, Duration fallback, Duration min) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        Duration d = parseDuration(name, v.trim());
        if (d.compareTo(min) < 0) {
            throw new UsageException("--" + name + " must be at least " + min.toMillis() + "ms, got '" + v + "'");
        }
        return d;
    }

    private static Duration parseDuration(String name, String s) {
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberEnd = i;
            while (numberEnd < s.length() && (Character.isDigit(s.charAt(numberEnd)) || s.charAt(numberEnd) == '.')) {
                numberEnd++;
            }
            int unitEnd = numberEnd;
            while (unitEnd < s.length() && !Character.isDigit(s.charAt(unitEnd)) && s.charAt(unitEnd) != '.') {
                unitEnd++;
            }
            double amount;
            try {
                amount = Double.parseDouble(s.substring(i, numberEnd));
            } catch (NumberFormatException e) {
                throw durationError(name, s);
            }
            long nanosPerUnit = switch (s.substring(numberEnd, unitEnd)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw durationError(name, s);
            };
            total = total.plusNanos((long) (amount * nanosPerUnit));
            i = unitEnd;
        }
        return total;
    }

    private static UsageException durationError(String name, String v) {
        return new UsageException("--" + name + " must be a duration such as 50ms or 2s (units ns, us, ms, s, m, h),"
                + " got '" + v + "'");
    }

    /** A byte size as the upstream picker takes it: 4194304, 10MiB, 25MB, 1Gi (K, M, G decimal; Ki, Mi, Gi binary). */
    long size(String name) {
        String v = text(name);
        if (v == null) {
            return -1;
        }
        String s = v.endsWith("B") || v.endsWith("b") ? v.substring(0, v.length() - 1) : v;
        int unitAt = 0;
        while (unitAt < s.length() && Character.isDigit(s.charAt(unitAt))) {
            unitAt++;
        }
        long factor = switch (s.substring(unitAt)) {
            case "" -> 1L;
            case "k", "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            default -> -1L;
        };
        if (unitAt == 0 || factor < 0) {
            throw new UsageException("--" + name + " must be a size such as 4194304, 10MiB or 25MB, got '" + v + "'");
        }
        long bytes = Long.parseLong(s.substring(0, unitAt)) * factor;
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new UsageException("--" + name + " must be between 1 byte and 2GiB, got '" + v + "'");
        }
        return bytes;
    }

    List<Endpoint> endpoints(String name) {
        List<Endpoint> out = new ArrayList<>();
        String v = values.get(name);
        if (v == null) {
            return out;
        }
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                try {
                    out.add(Endpoint.parse(part));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--" + name + ": " + e.getMessage());
                }
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--" + name + " must list at least one ip:port");
        }
        return List.copyOf(out);
    }

    /** 1 to 8 distinct port numbers, comma-separated. */
    List<Integer> ports(String name) {
        String v = text(name);
        if (v == null) {
            return List.of();
        }
        Set<Integer> ports = new LinkedHashSet<>();
        for (String part : v.split(",")) {
            try {
                int p = Integer.parseInt(part.trim());
                if (p >= 1 && p <= 65535) {
                    ports.add(p);
                    continue;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new UsageException("--" + name + " must be 1 to 8 port numbers such as 8000,8001, got '" + v + "'");
        }
        if (ports.size() > 8) {
            throw new UsageException("--" + name + " allows at most 8 ports, got " + ports.size());
        }
        return List.copyOf(ports);
    }

    String labelSelector(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        for (String term : v.split(",(?![^(]*\\))")) {
            if (!SELECTOR_TERM.matcher(term.trim()).matches()) {
                throw new UsageException("--" + name + ": '" + term.trim() + "' is not a label selector term (key,"
                        + " !key, key=value, key!=value, key in (a,b), key notin (a,b))");
            }
        }
        return v;
    }

    String oneOf(String name, String fallback, Set<String> allowed) {
        String v = text(name, fallback);
        if (!allowed.contains(v)) {
            throw new UsageException("--" + name + " must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))
                    + ", got '" + v + "'");
        }
        return v;
    }

    Path existingFile(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new UsageException("--" + name + ": no readable file at '" + v + "'");
        }
        return p;
    }

    Path certDirectory(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        Path dir = Path.of(v);
        for (String file : List.of("tls.crt", "tls.key")) {
            if (!Files.isReadable(dir.resolve(file))) {
                throw new UsageException("--" + name + ": '" + v + "' must be a directory holding tls.crt and tls.key; "
                        + file + " is missing");
            }
        }
        return dir;
    }
}
