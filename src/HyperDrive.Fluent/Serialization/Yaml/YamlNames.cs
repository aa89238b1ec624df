using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>The CLI v2 YAML spellings of the model's names (read case-insensitively, written as listed).</summary>
internal static class YamlNames
{
    public static readonly (string Name, string Value)[] JobTypes =
        [("sweep", "sweep"), ("command", "command"), ("pipeline", "pipeline")];

    public static readonly (string Name, string Value)[] NodeTypes = [("sweep", "sweep"), ("command", "command")];

    public static readonly (string Name, string Value)[] SamplingAlgorithms =
        [("random", "random"), ("grid", "grid"), ("bayesian", "bayesian")];

    public static readonly (string Name, RandomSamplingRule Value)[] RandomRules =
        [("random", RandomSamplingRule.Random), ("sobol", RandomSamplingRule.Sobol)];

    public static readonly (string Name, string Value)[] Policies =
        [("bandit", "bandit"), ("median_stopping", "median_stopping"),
            ("truncation_selection", "truncation_selection")];

    public static readonly (string Name, ObjectiveGoal Value)[] Goals =
        [("maximize", ObjectiveGoal.Maximize), ("minimize", ObjectiveGoal.Minimize)];

    public static readonly (string Name, DistributionKind Value)[] Distributions = WireNames.DistributionKinds;

    public static readonly (string Name, string Value)[] Identities =
        [("user_identity", "user_identity"), ("managed", "managed"), ("managed_identity", "managed"),
            ("aml_token", "aml_token")];

    public static readonly (string Name, JobTier Value)[] Tiers =
        [("null", JobTier.Null), ("spot", JobTier.Spot), ("basic", JobTier.Basic), ("standard", JobTier.Standard),
            ("premium", JobTier.Premium)];

    public static readonly (string Name, string Value)[] DistributionTypes =
        [("pytorch", "pytorch"), ("mpi", "mpi"), ("tensorflow", "tensorflow")];

    public static readonly (string Name, AssetType Value)[] AssetTypes =
        [.. Enum.GetValues<AssetType>().Select(t => (WireNames.ToName(t), t))];

    /// <summary>An input's delivery modes (REST InputDeliveryMode); <c>mount</c> is read as <c>ro_mount</c>, as
    /// azure-ai-ml does.</summary>
    public static readonly (string Name, AssetMode Value)[] InputModes =
    [
        ("ro_mount", AssetMode.ReadOnlyMount), ("rw_mount", AssetMode.ReadWriteMount), ("download", AssetMode.Download),
            ("direct", AssetMode.Direct),
        ("eval_mount", AssetMode.EvalMount), ("eval_download", AssetMode.EvalDownload),
            ("mount", AssetMode.ReadOnlyMount),
    ];

    /// <summary>An output's delivery modes (REST OutputDeliveryMode); <c>mount</c> is read as <c>rw_mount</c>, as
    /// azure-ai-ml does.</summary>
    public static readonly (string Name, AssetMode Value)[] OutputModes =
        [("rw_mount", AssetMode.ReadWriteMount), ("upload", AssetMode.Upload), ("direct", AssetMode.Direct),
            ("mount", AssetMode.ReadWriteMount)];

    /// <summary>The declared types a component input may have besides the asset types.</summary>
    public static readonly string[] LiteralInputTypes = ["integer", "number", "string", "boolean"];

    public static string Tier(JobTier tier) => Tiers.First(t => t.Value == tier).Name;

    public static string Rule(RandomSamplingRule rule) => RandomRules.First(r => r.Value == rule).Name;

    public static string Goal(ObjectiveGoal goal) => Goals.First(g => g.Value == goal).Name;
}
