package dev.proxima.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRevisionTest {
    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path dir;

    @BeforeEach
    void tempDirIsNotInsideARepository() {
        assumeTrue(GitRevision.detect(dir).equals(GitRevision.UNKNOWN), "the temp folder lies inside a git repository");
    }

    private Path repo(String head) throws IOException {
        Path git = Files.createDirectories(dir.resolve("repo/.git"));
        Files.writeString(git.resolve("HEAD"), head + "\n");
        return git;
    }

    @Test
    void looseRefFoundFromASubfolder() throws IOException {
        Path git = repo("ref: refs/heads/main");
        Files.createDirectories(git.resolve("refs/heads"));
        Files.writeString(git.resolve("refs/heads/main"), A + "\n");
        Path sub = Files.createDirectories(dir.resolve("repo/a/b"));
        assertEquals(A, GitRevision.detect(sub));
        assertEquals(A, GitRevision.detect(dir.resolve("repo")));
    }

    @Test
    void packedRefAndDetachedHead() throws IOException {
        Path git = repo("ref: refs/heads/feature/x");
        Files.writeString(git.resolve("packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
                + B + " refs/heads/feature/x\n" + A + " refs/tags/v1\n^" + B + "\n");
        assertEquals(B, GitRevision.detect(dir.resolve("repo")));
        Files.writeString(git.resolve("HEAD"), A.toUpperCase() + "\n");
        assertEquals(A, GitRevision.detect(dir.resolve("repo")));
    }

    @Test
    void linkedWorktreeUsesTheCommonRefs() throws IOException {
        Path main = repo("ref: refs/heads/main");
        Files.createDirectories(main.resolve("refs/heads"));
        Files.writeString(main.resolve("refs/heads/io"), B + "\n");
        Path wtGit = Files.createDirectories(main.resolve("worktrees/wt"));
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/io\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Path wt = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
        assertEquals(B, GitRevision.detect(wt));
        // a relative gitdir, as submodules write it
        Files.writeString(wt.resolve(".git"), "gitdir: ../repo/.git/worktrees/wt\n");
        assertEquals(B, GitRevision.detect(wt));
    }

    @Test
    void unknownWhenThereIsNoRepositoryOrNoCommit() throws IOException {
        assertEquals(GitRevision.UNKNOWN, GitRevision.detect(dir));
        repo("ref: refs/heads/main"); // unborn branch
        assertEquals(GitRevision.UNKNOWN, GitRevision.detect(dir.resolve("repo")));
        Files.writeString(dir.resolve("repo/.git/HEAD"), "garbage\n");
        assertEquals(GitRevision.UNKNOWN, GitRevision.detect(dir.resolve("repo")));
        Files.writeString(dir.resolve("repo/.git/HEAD"), "ref: ../../etc/passwd\n");
        assertEquals(GitRevision.UNKNOWN, GitRevision.detect(dir.resolve("repo")));
    }

    @Test
    void symbolicRefLoopGivesUnknown() throws IOException {
        Path git = repo("ref: refs/heads/a");
        Files.createDirectories(git.resolve("refs/heads"));
        Files.writeString(git.resolve("refs/heads/a"), "ref: refs/heads/b\n");
        Files.writeString(git.resolve("refs/heads/b"), "ref: refs/heads/a\n");
        assertEquals(GitRevision.UNKNOWN, GitRevision.detect(dir.resolve("repo")));
    }

    @Test
    void thisProjectHasARevisionOrUnknown() {
        String root = System.getProperty("proxima.repo.root", ".");
        String rev = GitRevision.detect(Path.of(root));
        assertTrue(rev.equals(GitRevision.UNKNOWN) || rev.matches("[0-9a-f]{40}|[0-9a-f]{64}"), rev);
    }
}
