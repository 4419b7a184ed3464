package dev.proxima.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code proxima prefs train}: run folders, the summary's keys and one-line errors. */
class PrefsTrainTest {
    @TempDir
    Path tmp;

    private CliRunner train(Path out, String... extra) {
        return trainWith(out, "grpo", extra);
    }

    private CliRunner trainWith(Path out, String method, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("prefs", "train", "--method", method, "--task", "ADD",
                "--steps", "4", "--sft-steps", "50", "--eval-every", "2", "--eval-prompts", "20", "--seed", "2",
                "--out", out.toString(), "--json"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void grpoWritesARunFolderWithTheSummaryKeys() throws IOException {
        Path out = tmp.resolve("run");
        CliRunner r = train(out, "--set", "promptsPerStep=4");
        assertEquals(0, r.status(), r.err());
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
        for (String key : new String[] {"pass_at_1", "reference_pass_at_1", "rl_step_s"}) {
            assertTrue(json.get(key) instanceof Number, key + " in " + json);
        }
        Map<String, Object> passAtK = (Map<String, Object>) json.get("pass_at_k");
        assertEquals(List.of("1", "4", "16"), List.copyOf(passAtK.keySet()), json.toString());
        double p1 = ((Number) passAtK.get("1")).doubleValue(), p16 = ((Number) passAtK.get("16")).doubleValue();
        assertTrue(p1 <= p16 && p16 <= 1, "pass@1 " + p1 + ", pass@16 " + p16);
        assertTrue(json.get("reference_pass_at_k") instanceof Map, json.toString());
        for (String f : new String[] {"manifest.json", "metrics.csv", "curve.png", "kl.png", "policy.safetensors", "summary.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(5, metrics.size(), "a header and one row per RL step");
        assertTrue(metrics.get(0).contains("pass_at_1") && metrics.get(0).contains("kl_to_reference")
                && metrics.get(0).contains("sampled_pass_at_16"), metrics.get(0));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"promptsPerStep\""));
        CliRunner rloo = trainWith(tmp.resolve("rloo"), "rloo", "--set", "samples=3");
        assertEquals(0, rloo.status(), rloo.err());
        for (String advantage : new String[] {"SYMMETRY_AWARE", "EFFECTIVE_RANK"}) {
            CliRunner variant = trainWith(tmp.resolve(advantage), "grpo", "--set", "advantage=" + advantage);
            assertEquals(0, variant.status(), advantage + ": " + variant.err());
        }
        assertTrue(Files.readString(tmp.resolve("EFFECTIVE_RANK").resolve("metrics.csv")).contains("rank_bonus"));
        CliRunner gardo = CliRunner.run("prefs", "train", "--method", "gardo", "--task", "DIGITSUM", "--steps", "3", "--sft-steps",
                "50", "--eval-every", "3", "--eval-prompts", "8", "--pass-k", "1,4", "--out", tmp.resolve("gardo").toString(), "--json");
        assertEquals(0, gardo.status(), gardo.err());
        assertTrue(Files.readString(tmp.resolve("gardo").resolve("metrics.csv")).contains("true_metric"));
        CliRunner gardoOnAdd = trainWith(tmp.resolve("gardo-add"), "gardo");
        assertEquals(2, gardoOnAdd.status());
        assertTrue(gardoOnAdd.err().contains("--task: gardo needs a task with auxiliary rewards"), gardoOnAdd.err());
        assertTrue(!Files.exists(tmp.resolve("gardo-add")), "no run folder for a refused run");
        CliRunner visurf = trainWith(tmp.resolve("visurf"), "visurf", "--set", "groupSize=4");
        assertEquals(0, visurf.status(), visurf.err());
        assertTrue(Files.readString(tmp.resolve("visurf").resolve("metrics.csv")).contains("label_advantage"));
        CliRunner opmd = trainWith(tmp.resolve("opmd"), "opmd", "--set", "objective=ASYMRE", "--set", "staleness=2");
        assertEquals(0, opmd.status(), opmd.err());
        assertTrue(Files.readString(tmp.resolve("opmd").resolve("manifest.json")).contains("ASYMRE"));
        assertTrue(Files.readString(tmp.resolve("rloo").resolve("manifest.json")).contains("\"samples\": 3")
                || Files.readString(tmp.resolve("rloo").resolve("manifest.json")).contains("\"samples\":3"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void preferenceMethodsReportTheExactWinRate() throws IOException {
        for (String method : new String[] {"online-dpo", "xpo", "nash-md-pg", "nash-mp-pg"}) {
            Path out = tmp.resolve(method);
            CliRunner r = CliRunner.run("prefs", "train", "--method", method, "--task", "PREF-BT", "--steps", "4", "--eval-every",
                    "2", "--seed", "1", "--out", out.toString(), "--json");
            assertEquals(0, r.status(), method + ": " + r.err());
            Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
            double win = ((Number) json.get("win_rate")).doubleValue();
            assertTrue(win > 0 && win < 1, method + " win-rate " + win);
            assertTrue(json.get("kl_to_reference") instanceof Number);
            assertTrue(Files.size(out.resolve("curve.png")) > 0 && Files.size(out.resolve("policy.safetensors")) > 0);
        }
        CliRunner wrongTask = CliRunner.run("prefs", "train", "--method", "xpo", "--task", "ADD", "--out", tmp.resolve("w").toString());
        assertEquals(2, wrongTask.status());
        assertTrue(wrongTask.err().contains("--task: unknown preference task 'ADD'"), wrongTask.err());
        CliRunner beta = CliRunner.run("prefs", "train", "--method", "online-dpo", "--task", "PREF-BT", "--set", "dpo.beta=0",
                "--out", tmp.resolve("b0").toString());
        assertEquals(2, beta.status());
        assertTrue(beta.err().contains("beta must be a finite value > 0"), beta.err());
    }

    @Test
    void badInputsGetOneLineErrors() {
        CliRunner method = CliRunner.run("prefs", "train", "--method", "ppo", "--task", "ADD", "--out", tmp.resolve("a").toString());
        assertEquals(2, method.status());
        assertTrue(method.err().contains("--method: unknown method 'ppo'"), method.err());
        CliRunner task = CliRunner.run("prefs", "train", "--method", "grpo", "--task", "MUL", "--out", tmp.resolve("b").toString());
        assertEquals(2, task.status());
        assertTrue(task.err().contains("--task: unknown task 'MUL'"), task.err());
        CliRunner group = train(tmp.resolve("c"), "--set", "groupSize=1");
        assertEquals(2, group.status());
        assertTrue(group.err().contains("groupSize"), group.err());
        CliRunner k = train(tmp.resolve("d"), "--pass-k", "1,32");
        assertEquals(2, k.status());
        assertTrue(k.err().contains("--pass-k: k=32 exceeds --pass-samples 16"), k.err());
        assertTrue(!Files.exists(tmp.resolve("d")), "no run folder for a refused run");
        assertTrue(!Files.exists(tmp.resolve("a")) && !Files.exists(tmp.resolve("b")), "no run folder for a refused run");
    }

    @Test
    @SuppressWarnings("unchecked")
    void offlineMethodsTrainOnADatasetWrittenByPrefsData() throws IOException {
        Path file = tmp.resolve("pairs.jsonl");
        CliRunner written = CliRunner.run("prefs", "data", "--task", "PREF-BT", "--pairs", "200", "--seed", "3", "--out", file.toString());
        assertEquals(0, written.status(), written.err());
        List<String> lines = Files.readAllLines(file);
        assertEquals(200, lines.size());
        assertTrue(lines.get(0).startsWith("{\"prompt\":"), lines.get(0));

        // The file holds exactly the comparisons the offline methods draw by themselves for the same seed.
        Map<String, Object> fromFile = (Map<String, Object>) Json.parse(CliRunner.run("prefs", "train", "--method", "dpo", "--task",
                "PREF-BT", "--data", file.toString(), "--steps", "6", "--seed", "3", "--out", tmp.resolve("f").toString(), "--json").out());
        Map<String, Object> drawn = (Map<String, Object>) Json.parse(CliRunner.run("prefs", "train", "--method", "dpo", "--task",
                "PREF-BT", "--pairs", "200", "--steps", "6", "--seed", "3", "--out", tmp.resolve("d").toString(), "--json").out());
        assertEquals(drawn.get("win_rate"), fromFile.get("win_rate"));
        assertEquals(200, ((Number) fromFile.get("pairs")).intValue());
        assertTrue(((Number) fromFile.get("win_rate")).doubleValue() != 0.5, "six steps moved the policy");

        for (String method : new String[] {"ipo", "hypo", "srpo"}) {
            CliRunner r = CliRunner.run("prefs", "train", "--method", method, "--task", "PREF-CYCLIC", "--data", file.toString(),
                    "--steps", "4", "--eval-every", "2", "--seed", "3", "--out", tmp.resolve(method).toString(), "--json");
            assertEquals(0, r.status(), method + ": " + r.err());
            Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
            assertTrue(json.get("win_rate") instanceof Number, method + " " + json);
            assertEquals(method.equals("srpo"), json.containsKey("revision_win_rate"), method + " " + json);
        }
    }

    @Test
    void badDatasetsAreRefusedWithTheLine() throws IOException {
        Path file = tmp.resolve("bad.jsonl");
        Files.writeString(file, "{\"prompt\":\"3\",\"chosen\":\"abc\",\"rejected\":\"dda\"}\n"
                + "{\"prompt\":\"3\",\"chosen\":\"ab1\",\"rejected\":\"dda\"}\n");
        CliRunner r = CliRunner.run("prefs", "train", "--method", "dpo", "--task", "PREF-BT", "--data", file.toString(), "--out",
                tmp.resolve("x").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("line 2: chosen 'ab1' holds '1', not a response character of PREF-BT"), r.err());
        Files.writeString(file, "{\"prompt\":\"ab\",\"chosen\":\"abc\",\"rejected\":\"dda\"}\n");
        r = CliRunner.run("prefs", "train", "--method", "dpo", "--task", "PREF-BT", "--data", file.toString(), "--out",
                tmp.resolve("x").toString());
        assertTrue(r.err().contains("line 1: prompt 'ab' is not a prompt of PREF-BT"), r.err());
        Files.writeString(file, "{\"prompt\":\"3\",\"chosen\":\"abc\"}\n");
        r = CliRunner.run("prefs", "train", "--method", "dpo", "--task", "PREF-BT", "--data", file.toString(), "--out",
                tmp.resolve("x").toString());
        assertTrue(r.err().contains("line 1") && r.err().contains("rejected"), r.err());
        r = CliRunner.run("prefs", "train", "--method", "grpo", "--task", "ADD", "--data", file.toString(), "--out",
                tmp.resolve("x").toString());
        assertTrue(r.err().contains("--data: only the offline methods (dpo, ipo, hypo, srpo), selm and rlhf read a dataset"), r.err());
        assertTrue(!Files.exists(tmp.resolve("x")), "no run folder for a refused run");
    }

    @Test
    @SuppressWarnings("unchecked")
    void rlhfFitsARewardModelThenIterates() throws IOException {
        Path out = tmp.resolve("rlhf");
        CliRunner r = CliRunner.run("prefs", "train", "--method", "rlhf", "--task", "PREF-BT", "--pairs", "300", "--set",
                "iterations=2", "--set", "promptsPerIteration=32", "--seed", "1", "--out", out.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
        double accuracy = ((Number) json.get("reward_model_accuracy")).doubleValue();
        assertTrue(accuracy > 0.5 && accuracy <= 1, "reward model accuracy " + accuracy);
        assertEquals(2, ((Number) json.get("iterations")).intValue());
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size(), "a header and one row per iteration");
        assertTrue(Files.size(out.resolve("curve.png")) > 0 && Files.size(out.resolve("policy.safetensors")) > 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void selmRunsAWarmUpAndItsIterations() throws IOException {
        Path out = tmp.resolve("selm");
        CliRunner r = CliRunner.run("prefs", "train", "--method", "selm", "--task", "PREF-BT", "--pairs", "256", "--set",
                "iterations=2", "--seed", "1", "--out", out.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
        double win = ((Number) json.get("win_rate")).doubleValue();
        assertTrue(win > 0 && win < 1, "win-rate " + win);
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size(), "a header and one row per SELM iteration");
        CliRunner few = CliRunner.run("prefs", "train", "--method", "selm", "--task", "PREF-BT", "--pairs", "3", "--out",
                tmp.resolve("few").toString());
        assertEquals(2, few.status());
        assertTrue(few.err().contains("--pairs: selm cuts the comparisons into iterations + 1 = 4 parts"), few.err());
        assertTrue(!Files.exists(tmp.resolve("few")), "no run folder for a refused run");
    }
}
