package dev.proxima.envs.bandit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real classification data sets shipped by Debian's {@code weka} package (UCI data as ARFF files
 * under {@code /usr/share/doc/weka/examples}), turned into numeric features for contextual
 * bandits: numeric attributes standardised to mean 0 and standard deviation 1 (missing values
 * become 0, the mean), nominal attributes one-hot encoded (missing: all zeros), plus a constant 1.
 * The last attribute is the class. The folder can be overridden with the system property
 * {@code proxima.weka.dir} or the environment variable {@code PROXIMA_WEKA_DIR}.
 */
public final class Datasets {
    /** Name → the ARFF files holding its examples (concatenated). */
    private static final Map<String, List<String>> FILES = new LinkedHashMap<>();

    static {
        FILES.put("iris", List.of("iris.arff"));
        FILES.put("glass", List.of("glass.arff"));
        FILES.put("segment", List.of("segment-challenge.arff", "segment-test.arff"));
        FILES.put("soybean", List.of("soybean.arff"));
        FILES.put("vote", List.of("vote.arff"));
        FILES.put("ionosphere", List.of("ionosphere.arff"));
    }

    /** A data set: feature rows, integer labels, and the class names. */
    public record Dataset(String name, double[][] features, int[] labels, List<String> classes) {
        public int size() {
            return labels.length;
        }

        public int numFeatures() {
            return features[0].length;
        }
    }

    private Datasets() {}

    public static List<String> names() {
        return List.copyOf(FILES.keySet());
    }

    public static Path directory() {
        String dir = System.getProperty("proxima.weka.dir", System.getenv("PROXIMA_WEKA_DIR"));
        return Path.of(dir != null ? dir : "/usr/share/doc/weka/examples");
    }

    public static Dataset load(String name) {
        List<String> files = FILES.get(name);
        if (files == null) {
            throw new IllegalArgumentException("unknown data set '" + name + "'; allowed: " + String.join(", ", names()));
        }
        List<Arff.Table> tables = new ArrayList<>();
        for (String f : files) {
            Path p = directory().resolve(f);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("data set '" + name + "' needs " + p + ", which the Debian package "
                        + "weka installs; install it with: apt-get install weka (or set PROXIMA_WEKA_DIR)");
            }
            try {
                tables.add(Arff.read(p));
            } catch (IOException e) {
                throw new IllegalArgumentException("data set '" + name + "': " + e.getMessage(), e);
            }
        }
        return encode(name, tables);
    }

    private static Dataset encode(String name, List<Arff.Table> tables) {
        List<Arff.Attribute> attributes = tables.get(0).attributes();
        List<String[]> rows = new ArrayList<>();
        for (Arff.Table t : tables) rows.addAll(t.rows());
        int classIndex = attributes.size() - 1;
        Arff.Attribute classAttribute = attributes.get(classIndex);
        if (!classAttribute.isNominal()) {
            throw new IllegalArgumentException("data set '" + name + "': the last attribute must be the nominal class");
        }
        int width = 1;
        for (int i = 0; i < classIndex; i++) width += attributes.get(i).isNominal() ? attributes.get(i).values().size() : 1;
        List<double[]> features = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        double[] mean = new double[classIndex], sd = new double[classIndex];
        for (int i = 0; i < classIndex; i++) {
            if (!attributes.get(i).isNominal()) {
                double s = 0, s2 = 0;
                int n = 0;
                for (String[] r : rows) {
                    if (r[i] != null) {
                        double v = Double.parseDouble(r[i]);
                        s += v;
                        s2 += v * v;
                        n++;
                    }
                }
                mean[i] = n == 0 ? 0 : s / n;
                sd[i] = n < 2 ? 1 : Math.sqrt(Math.max(s2 / n - mean[i] * mean[i], 0));
                if (sd[i] == 0) {
                    sd[i] = 1;
                }
            }
        }
        for (String[] r : rows) {
            if (r[classIndex] == null) {
                continue; // unlabelled rows carry no reward signal
            }
            double[] x = new double[width];
            int o = 0;
            for (int i = 0; i < classIndex; i++) {
                Arff.Attribute a = attributes.get(i);
                if (a.isNominal()) {
                    if (r[i] != null) {
                        x[o + a.values().indexOf(r[i])] = 1;
                    }
                    o += a.values().size();
                } else {
                    x[o++] = r[i] == null ? 0 : (Double.parseDouble(r[i]) - mean[i]) / sd[i];
                }
            }
            x[o] = 1;
            features.add(x);
            labels.add(classAttribute.values().indexOf(r[classIndex]));
        }
        return new Dataset(name, features.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray(),
                classAttribute.values());
    }
}
