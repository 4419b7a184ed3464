package dev.proxima.core.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The commit a run was started from, recorded in its manifest so a result can be traced to the
 * code that produced it.
 *
 * <p>Read straight from the repository's files instead of running {@code git}: the tool may not
 * be installed where training runs (containers, clusters), and starting a process from library
 * code is slow and fragile. Handles ordinary repositories, linked worktrees and submodules
 * ({@code .git} as a file pointing elsewhere), loose and packed refs, and detached heads. Other
 * layouts (such as the reftable ref store) give {@link #UNKNOWN}; whether the working tree has
 * uncommitted changes is not determined.
 */
public final class GitRevision {
    public static final String UNKNOWN = "unknown";

    /** Symbolic refs pointing at symbolic refs are rare; more links than this is a loop. */
    private static final int MAX_REF_LINKS = 10;

    private GitRevision() {}

    /**
     * The full commit hash checked out in the repository containing {@code dir} (searched upward
     * through its parent folders), or {@link #UNKNOWN} if there is none or it cannot be read.
     */
    public static String detect(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        while (d != null) {
            Path dotGit = d.resolve(".git");
            try {
                if (Files.isDirectory(dotGit)) {
                    return fromGitDir(dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String content = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
                    if (!content.startsWith("gitdir:")) {
                        return UNKNOWN;
                    }
                    return fromGitDir(d.resolve(content.substring("gitdir:".length()).strip()).normalize());
                }
            } catch (IOException | RuntimeException unreadable) {
                return UNKNOWN;
            }
            d = d.getParent();
        }
        return UNKNOWN;
    }

    private static String fromGitDir(Path gitDir) throws IOException {
        // A linked worktree keeps its own HEAD but shares refs with the main repository.
        Path commonDir = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            commonDir = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize();
        }
        Path headFile = gitDir.resolve("HEAD");
        if (!Files.isRegularFile(headFile)) {
            return UNKNOWN;
        }
        String value = Files.readString(headFile, StandardCharsets.UTF_8).strip();
        for (int link = 0; link < MAX_REF_LINKS; link++) {
            if (!value.startsWith("ref:")) {
                return isHash(value) ? value.toLowerCase(Locale.ROOT) : UNKNOWN;
            }
            String ref = value.substring("ref:".length()).strip();
            if (ref.isEmpty() || ref.contains("..") || ref.startsWith("/") || ref.contains("\\")) {
                return UNKNOWN;
            }
            value = lookup(gitDir, commonDir, ref);
            if (value == null) {
                return UNKNOWN; // a branch with no commits yet
            }
        }
        return UNKNOWN;
    }

    private static String lookup(Path gitDir, Path commonDir, String ref) throws IOException {
        for (Path base : List.of(gitDir, commonDir)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Files.readString(loose, StandardCharsets.UTF_8).strip();
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                // "<hash> <ref>"; lines starting with '#' are comments, '^' lines peel annotated tags
                if (line.startsWith("#") || line.startsWith("^")) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(space + 1).strip().equals(ref)) {
                    return line.substring(0, space);
                }
            }
        }
        return null;
    }

    private static boolean isHash(String s) {
        if (s.length() != 40 && s.length() != 64) { // SHA-1 or SHA-256 repositories
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }
}
