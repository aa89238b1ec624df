using System.Globalization;

namespace HyperDrive.Fluent.Benchmarks;

/// <summary>One line of the results table: our median, the peer's median, their ratio (above 1 = HyperDrive.Fluent is
/// faster); for process trials also the peer writing the same trial folders and logs we write, the bare process-start
/// floor and the engine's overhead above it.</summary>
internal sealed record ResultRow(string Workload, string Unit, double Ours, double? Peer, double? Ratio, double? Floor, IReadOnlyList<double> OursAll, IReadOnlyList<double>? PeerAll)
{
    public double? PeerWithFolders { get; init; }

    public double? RatioWithFolders { get; init; }

    public IReadOnlyList<double>? PeerWithFoldersAll { get; init; }

    public static ResultRow LowerIsBetter(string workload, string unit, IReadOnlyList<double> ours, IReadOnlyList<double>? peer, IReadOnlyList<double>? floor, IReadOnlyList<double>? peerWithFolders = null)
    {
        var o = Measurement.Median(ours);
        var p = peer is { Count: > 0 } ? Measurement.Median(peer) : (double?)null;
        var pf = peerWithFolders is { Count: > 0 } ? Measurement.Median(peerWithFolders) : (double?)null;
        return new ResultRow(workload, unit, o, p, p / o, floor is { Count: > 0 } ? Measurement.Median(floor) : null, ours, peer)
        {
            PeerWithFolders = pf,
            RatioWithFolders = pf / o,
            PeerWithFoldersAll = peerWithFolders,
        };
    }

    public static ResultRow HigherIsBetter(string workload, string unit, IReadOnlyList<double> ours, IReadOnlyList<double>? peer)
    {
        var o = Measurement.Median(ours);
        var p = peer is { Count: > 0 } ? Measurement.Median(peer) : (double?)null;
        return new ResultRow(workload, unit, o, p, o / p, null, ours, peer);
    }

    public static void Print(IReadOnlyList<ResultRow> rows, string optunaVersion)
    {
        Console.WriteLine($"| workload | unit | HyperDrive.Fluent | Optuna {optunaVersion} | speed-up vs Optuna | Optuna writing the same trial folders | speed-up vs that | bare process start (.NET) | engine overhead per trial |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Workload} | {row.Unit} | {F(row.Ours)} | {F(row.Peer)} | {X(row.Ratio)} | {F(row.PeerWithFolders)} | {X(row.RatioWithFolders)} | {F(row.Floor)} | {(row.Floor is { } f ? F(row.Ours - f) : "-")} |"));
        }

        Console.WriteLine();
        Console.WriteLine("All repetitions:");
        foreach (var row in rows)
        {
            var withFolders = row.PeerWithFoldersAll is null ? string.Empty : $", Optuna writing the same trial folders [{All(row.PeerWithFoldersAll)}]";
            Console.WriteLine($"  {row.Workload}: ours [{All(row.OursAll)}], Optuna [{(row.PeerAll is null ? "-" : All(row.PeerAll))}]{withFolders} {row.Unit}");
        }
    }

    private static string All(IReadOnlyList<double> values) => string.Join(", ", values.Select(v => F(v)));

    private static string X(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";

    private static string F(double? value) => value switch
    {
        null => "-",
        >= 100 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
