using System.Globalization;

namespace HyperDrive.Fluent.Benchmarks;

/// <summary>One line of the results table: our median, the peer's median, their ratio (above 1 = HyperDrive.Fluent is
/// faster), and for process trials the bare process-start floor and the engine's overhead above it.</summary>
internal sealed record ResultRow(string Workload, string Unit, double Ours, double? Peer, double? Ratio, double? Floor, IReadOnlyList<double> OursAll, IReadOnlyList<double>? PeerAll)
{
    public static ResultRow LowerIsBetter(string workload, string unit, IReadOnlyList<double> ours, IReadOnlyList<double>? peer, IReadOnlyList<double>? floor)
    {
        var o = Measurement.Median(ours);
        var p = peer is { Count: > 0 } ? Measurement.Median(peer) : (double?)null;
        return new ResultRow(workload, unit, o, p, p / o, floor is { Count: > 0 } ? Measurement.Median(floor) : null, ours, peer);
    }

    public static ResultRow HigherIsBetter(string workload, string unit, IReadOnlyList<double> ours, IReadOnlyList<double>? peer)
    {
        var o = Measurement.Median(ours);
        var p = peer is { Count: > 0 } ? Measurement.Median(peer) : (double?)null;
        return new ResultRow(workload, unit, o, p, o / p, null, ours, peer);
    }

    public static void Print(IReadOnlyList<ResultRow> rows, string optunaVersion)
    {
        Console.WriteLine($"| workload | unit | HyperDrive.Fluent | Optuna {optunaVersion} | speed-up vs Optuna | bare process start (.NET) | engine overhead per trial |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Workload} | {row.Unit} | {F(row.Ours)} | {F(row.Peer)} | {(row.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-")} | {F(row.Floor)} | {(row.Floor is { } f ? F(row.Ours - f) : "-")} |"));
        }

        Console.WriteLine();
        Console.WriteLine("All repetitions:");
        foreach (var row in rows)
        {
            Console.WriteLine($"  {row.Workload}: ours [{string.Join(", ", row.OursAll.Select(v => F(v)))}], Optuna [{(row.PeerAll is null ? "-" : string.Join(", ", row.PeerAll.Select(v => F(v))))}] {row.Unit}");
        }
    }

    private static string F(double? value) => value switch
    {
        null => "-",
        >= 100 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
