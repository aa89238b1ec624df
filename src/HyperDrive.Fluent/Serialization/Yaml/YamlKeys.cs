namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>The keys the CLI v2 YAML schemas allow in each mapping (and this library reads), in written order.</summary>
internal static class YamlKeys
{
    public static readonly string[] JobCommon =
        ["$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties", "compute", "identity", "queue_settings", "inputs", "outputs"];

    public static readonly string[] Sweep =
        [.. JobCommon, "resources", "trial", "sampling_algorithm", "search_space", "objective", "early_termination", "limits"];

    public static readonly string[] Command =
        [.. JobCommon, "component", "command", "code", "environment", "environment_variables", "distribution", "resources"];

    public static readonly string[] Pipeline =
        ["$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties", "compute", "identity", "queue_settings", "settings", "inputs", "outputs", "jobs"];

    public static readonly string[] Component =
        ["$schema", "type", "name", "version", "display_name", "description", "inputs", "outputs", "code", "environment", "command", "environment_variables", "distribution", "resources"];

    public static readonly string[] ComponentInput = ["type", "default", "optional", "description", "mode"];

    public static readonly string[] JobInput = ["type", "path", "mode", "value", "description"];

    public static readonly string[] JobOutput = ["type", "path", "mode", "description", "name", "version"];

    public static readonly string[] Settings = ["default_compute", "default_datastore", "continue_on_step_failure"];

    public static readonly string[] Objective = ["goal", "primary_metric"];

    public static readonly string[] Limits = ["max_total_trials", "max_concurrent_trials", "timeout", "trial_timeout"];

    public static readonly string[] RandomSampling = ["type", "seed", "rule"];

    public static readonly string[] OtherSampling = ["type"];

    public static readonly string[] Bandit = ["type", "evaluation_interval", "delay_evaluation", "slack_factor", "slack_amount"];

    public static readonly string[] MedianStopping = ["type", "evaluation_interval", "delay_evaluation"];

    public static readonly string[] TruncationSelection = ["type", "evaluation_interval", "delay_evaluation", "truncation_percentage"];

    public static readonly string[] Resources = ["instance_count", "instance_type", "shm_size", "docker_args"];

    public static readonly string[] Identity = ["type", "client_id", "object_id", "resource_id"];

    public static readonly string[] QueueSettings = ["job_tier"];

    public static readonly string[] PolicyType = ["type"];

    public static readonly string[] Choice = ["type", "values"];

    public static readonly string[] RandInt = ["type", "upper"];

    public static readonly string[] Bounds = ["type", "min_value", "max_value"];

    public static readonly string[] QBounds = ["type", "min_value", "max_value", "q"];

    public static readonly string[] MuSigma = ["type", "mu", "sigma"];

    public static readonly string[] QMuSigma = ["type", "mu", "sigma", "q"];

    public static readonly string[] PyTorch = ["type", "process_count_per_instance"];

    public static readonly string[] TensorFlow = ["type", "worker_count", "parameter_server_count"];

    public static readonly string[] DistributionType = ["type"];
}
