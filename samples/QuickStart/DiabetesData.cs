using System.Globalization;
using System.IO.Compression;

namespace QuickStart;

/// <summary>scikit-learn's diabetes data (442 x 10), scaled as <c>load_diabetes()</c> scales it, with the 80/20 split of
/// <c>train_test_split(test_size=0.2, random_state=0)</c>.</summary>
internal sealed record DiabetesData(double[][] TrainX, double[] TrainY, double[][] TestX, double[] TestY)
{
    public const int Features = 10;

    public static DiabetesData Load(string folder)
    {
        var x = ReadRows(Path.Combine(folder, "diabetes_data_raw.csv.gz"), Features);
        var y = ReadRows(Path.Combine(folder, "diabetes_target.csv.gz"), 1).Select(r => r[0]).ToArray();
        if (x.Length != y.Length)
        {
            throw new InvalidDataException($"The diabetes data has {x.Length} rows but {y.Length} targets; restore the files in {folder} (see SOURCE.md).");
        }

        Scale(x);
        var permutation = new MersenneTwister(0).Permutation(x.Length);
        var testCount = (int)Math.Ceiling(0.2 * x.Length);
        var test = permutation[..testCount];
        var train = permutation[testCount..];
        return new DiabetesData(
            [.. train.Select(i => x[i])], [.. train.Select(i => y[i])],
            [.. test.Select(i => x[i])], [.. test.Select(i => y[i])]);
    }

    private static double[][] ReadRows(string path, int columns)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing; it ships with the sample (see Data/SOURCE.md).", path);
        }

        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var rows = new List<double[]>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != columns)
            {
                throw new InvalidDataException($"{path} line {lineNumber}: expected {columns} values, found {cells.Length}.");
            }

            rows.Add([.. cells.Select(c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture))]);
        }

        return [.. rows];
    }

    // sklearn: data = scale(data); data /= sqrt(n_samples)  (population standard deviation).
    private static void Scale(double[][] x)
    {
        var n = x.Length;
        for (var j = 0; j < Features; j++)
        {
            var mean = x.Average(r => r[j]);
            var std = Math.Sqrt(x.Sum(r => (r[j] - mean) * (r[j] - mean)) / n);
            foreach (var row in x)
            {
                row[j] = (row[j] - mean) / std / Math.Sqrt(n);
            }
        }
    }
}
