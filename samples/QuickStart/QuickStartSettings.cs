using System.Globalization;

namespace QuickStart;

/// <summary>The sample's command line: <c>[--out DIR] [--seed N] [--step-delay MS]</c>.</summary>
internal sealed record QuickStartSettings(string OutputRoot, int? Seed, TimeSpan StepDelay)
{
    private const string Usage = """
        usage: dotnet run --project samples/QuickStart [-- [--out DIR] [--seed N] [--step-delay MS]]
          --out DIR          where run folders go (default: ./.hyperdrive/runs)
          --seed N           seed of the random sampler (default: none, a new sweep each time)
          --step-delay MS    pause before each of a trial's 4 fits, standing in for training time (default: 150)
        """;

    public static QuickStartSettings? Parse(string[] args)
    {
        var settings = new QuickStartSettings(Path.Combine(".", ".hyperdrive", "runs"), null, TimeSpan.FromMilliseconds(150));
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    settings = settings with { OutputRoot = value };
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                    settings = settings with { Seed = seed };
                    i++;
                    break;
                case "--step-delay" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0:
                    settings = settings with { StepDelay = TimeSpan.FromMilliseconds(ms) };
                    i++;
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return null;
                default:
                    Console.Error.WriteLine($"'{args[i]}'{(value is null ? string.Empty : " " + value)} is not a valid option.");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return settings;
    }
}
