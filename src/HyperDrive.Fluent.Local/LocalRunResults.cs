using System.Text.Json;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Runtime;

namespace HyperDrive.Fluent.Local;

/// <summary>
/// Reads the results of a finished local run back from its run folder: the <see cref="SweepResult"/> that
/// <see cref="SweepRun.WaitForCompletionAsync"/> returned, from the <c>sweep.json</c> the local engine wrote (a
/// pipeline: its <c>pipeline.json</c> and each step's <c>steps/{step}/sweep.json</c>).
/// </summary>
/// <example>
/// <code>
/// SweepResult result = LocalRunResults.Read(".hyperdrive/runs/ridge-20250101-120000-a1b2c3");
/// Console.WriteLine($"{result.BestTrial?.Id}: {result.BestTrial?.BestValue(result.Objective!)}");
/// </code>
/// </example>
public static class LocalRunResults
{
    /// <summary>Reads a run's result from its folder.</summary>
    /// <param name="runFolder">The run folder (or its <c>sweep.json</c> or <c>pipeline.json</c>).</param>
    /// <returns>The result: trials with their parameters, metric histories, status, timing, exit code, error and output
    /// folder; the best trial; the policy's decisions; the warnings; the objective; for a pipeline, its steps. Paths
    /// are absolute (the run folder's full path).</returns>
    /// <exception cref="ArgumentException"><paramref name="runFolder"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no <c>sweep.json</c> or <c>pipeline.json</c> (the run
    /// never finished, or it is not a run folder).</exception>
    /// <exception cref="InvalidDataException">A file is not what the local engine writes; the message names the file
    /// and the key.</exception>
    public static SweepResult Read(string runFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(runFolder));
        var folder = File.Exists(full) ? Path.GetDirectoryName(full)! : full;
        var pipelineFile = Path.Combine(folder, PipelineExecution.PipelineFile);
        var sweepFile = Path.Combine(folder, ResultsWriter.SweepFile);
        if (File.Exists(full) ? Path.GetFileName(full) == PipelineExecution.PipelineFile : File.Exists(pipelineFile))
        {
            return ReadPipelineFile(pipelineFile, folder);
        }

        if (File.Exists(sweepFile))
        {
            return ReadSweepFile(sweepFile, requiredObjectiveFor: null);
        }

        var unfinished = File.Exists(Path.Combine(folder, RunJournal.FileName))
            || Directory.Exists(Path.Combine(folder, "steps"))
            ? " It holds a run that has not finished (no results were written yet): wait for it, or resume it."
            : " Pass the folder of a finished local run (the one with sweep.json, metrics_output.json and trials/, " +
                "or pipeline.json and steps/).";
        throw new FileNotFoundException(
            $"'{runFolder}' holds no {ResultsWriter.SweepFile} or {PipelineExecution.PipelineFile}.{unfinished}",
            sweepFile);
    }

    /// <summary>Takes the trials of an earlier local run from its results folder (the <c>sweep.json</c> the local
    /// engine writes): each with its best value of that run's primary metric, or no value when it had none.</summary>
    /// <param name="resultsFolder">The run folder, or the <c>sweep.json</c> file itself.</param>
    /// <returns>The warm start.</returns>
    /// <exception cref="FileNotFoundException">The folder has no <c>sweep.json</c>.</exception>
    /// <exception cref="InvalidDataException">The file is not a sweep's results (the message names the file and the
    /// key).</exception>
    public static WarmStart ReadWarmStart(string resultsFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsFolder);
        var file = File.Exists(resultsFolder) ? resultsFolder : Path.Combine(resultsFolder, ResultsWriter.SweepFile);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException(
                $"'{resultsFolder}' holds no {ResultsWriter.SweepFile}; pass the folder of a finished local run (the " +
                    "one with sweep.json, metrics_output.json and trials/).",
                file);
        }

        return WarmStart.FromResult(ReadSweepFile(
            file,
            requiredObjectiveFor: "the run was not a sweep with an objective, so its trials have no values to start " +
                "from."));
    }

    /// <summary>Reads one sweep's <c>sweep.json</c> (its folder is the file's folder).</summary>
    /// <param name="file">The file.</param>
    /// <param name="requiredObjectiveFor">When not <see langword="null"/>, a missing objective is an error (checked
    /// first), and this says what the objective is needed for.</param>
    internal static SweepResult ReadSweepFile(string file, string? requiredObjectiveFor)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        return Parse(file, root =>
        {
            var json = new Node(file, root, string.Empty);
            var definition = json.Object("definition");
            var objective = definition.OptionalObject("objective") is { } o
                ? new Objective(o.Enum<ObjectiveGoal>("goal"), o.String("primaryMetric"))
                : null;
            if (objective is null && requiredObjectiveFor is not null)
            {
                throw new InvalidDataException(
                    $"{file}: definition.objective.primaryMetric is missing; {requiredObjectiveFor}");
            }

            var trials = json.Array("trials").Select(t => ReadTrial(t, folder)).ToList();
            var best = json.OptionalObject("best") is { } b ? FindTrial(trials, b, "trialId") : null;
            return new SweepResult
            {
                RunId = json.String("runId"),
                Status = json.Enum<SweepRunStatus>("status"),
                Objective = objective,
                Trials = trials,
                BestTrial = best,
                Decisions = json.Array("decisions").Select(ReadDecision).ToList(),
                Warnings = json.Array("warnings").Select(w => w.AsString()).ToList(),
                OutputDirectory = folder,
                Error = json.OptionalString("error"),
                WallTime = json.Element.TryGetProperty("wallTimeSeconds", out _)
                    ? TimeSpan.FromTicks((long)Math.Round(json.Double("wallTimeSeconds") * TimeSpan.TicksPerSecond))
                    : null,
            };
        });
    }

    private static SweepResult ReadPipelineFile(string file, string folder) => Parse(file, root =>
    {
        var json = new Node(file, root, string.Empty);
        var steps = new Dictionary<string, SweepResult>(StringComparer.Ordinal);
        foreach (var step in json.Array("steps"))
        {
            var name = step.String("name");
            var stepFolder = Path.Combine(folder, step.String("folder"));
            var stepFile = Path.Combine(stepFolder, ResultsWriter.SweepFile);
            if (!File.Exists(stepFile))
            {
                throw new InvalidDataException($"{file}: {step.Path}.folder: step '{name}' has no {stepFile}.");
            }

            steps[name] = ReadSweepFile(stepFile, requiredObjectiveFor: null);
        }

        var warnings = json.OptionalArray("warnings") is { } list
            ? list.Select(w => w.AsString()).ToList()
            // written before pipeline.json had them
            : steps.Values.SelectMany(s => s.Warnings).Distinct(StringComparer.Ordinal).ToList();
        return new SweepResult
        {
            RunId = json.String("runId"),
            Status = json.Enum<SweepRunStatus>("status"),
            Steps = steps,
            Warnings = warnings,
            OutputDirectory = folder,
            Error = json.OptionalString("error"),
            WallTime = PipelineExecution.WallTimeOf(steps.Values),
        };
    });

    private static TrialResult ReadTrial(Node trial, string folder)
    {
        var id = trial.String("id");
        var metrics = new Dictionary<string, IReadOnlyList<MetricValue>>(StringComparer.Ordinal);
        var metricsNode = trial.Object("metrics");
        foreach (var property in metricsNode.Element.EnumerateObject())
        {
            var values = metricsNode.Child(property.Name, property.Value, JsonValueKind.Array);
            metrics[property.Name] =
                values.Items().Select(v =>
                new MetricValue(property.Name, v.Double("value"), v.Int64("step"), v.Timestamp("timestamp"))).ToArray();
        }

        return new TrialResult
        {
            Id = id,
            Number = trial.Int32("number"),
            Status = trial.Enum<TrialStatus>("status"),
            Parameters = trial.Parameters("parameters"),
            Metrics = metrics,
            StartedAt = trial.OptionalTimestamp("startedAt"),
            EndedAt = trial.OptionalTimestamp("endedAt"),
            ExitCode = trial.OptionalInt32("exitCode"),
            Error = trial.OptionalString("error"),
            OutputDirectory = Path.Combine(folder, trial.String("folder"), "outputs"),
        };
    }

    private static PolicyDecision ReadDecision(Node d) =>
        new(d.String("trialId"), d.String("policy"), d.Int32("interval"), d.Double("value"), d.Double("best"),
            d.Double("threshold"), d.Boolean("terminate"))
        {
            Timestamp = d.Timestamp("timestamp"),
        };

    private static TrialResult FindTrial(List<TrialResult> trials, Node best, string key)
    {
        var id = best.String(key);
        return trials.Find(t => t.Id == id)
            ?? throw best.Error(key, $"names trial '{id}', which is not in 'trials'");
    }

    private static SweepResult Parse(string file, Func<JsonElement, SweepResult> read)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException(
                    $"{file}: expected a JSON object, found {document.RootElement.ValueKind}.");
            }

            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}: not valid JSON ({ex.Message}).", ex);
        }
    }

    /// <summary>A JSON element with its file and key path, for errors that name both.</summary>
    private readonly record struct Node(string File, JsonElement Element, string Path)
    {
        public string String(string key) => Required(key, JsonValueKind.String).Element.GetString()!;

        public string? OptionalString(string key) => Optional(key, JsonValueKind.String)?.Element.GetString();

        public Node Object(string key) => Required(key, JsonValueKind.Object);

        public Node? OptionalObject(string key) => Optional(key, JsonValueKind.Object);

        public List<Node> Array(string key) => Required(key, JsonValueKind.Array).Items();

        public List<Node>? OptionalArray(string key) => Optional(key, JsonValueKind.Array)?.Items();

        public bool Boolean(string key)
        {
            var node = Required(key, null);
            return node.Element.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(key, $"must be true or false, not {node.Element.ValueKind}"),
            };
        }

        public int Int32(string key) => Required(key, JsonValueKind.Number).Element.TryGetInt32(out var value)
            ? value
            : throw Error(key, "must be a whole number");

        public int? OptionalInt32(string key) => Optional(key, JsonValueKind.Number) is null ? null : Int32(key);

        public long Int64(string key) => Required(key, JsonValueKind.Number).Element.TryGetInt64(out var value)
            ? value
            : throw Error(key, "must be a whole number");

        public double Double(string key)
        {
            var node = Required(key, null);
            try
            {
                return node.Element.ValueKind is JsonValueKind.Number or JsonValueKind.String
                    ? JsonValues.ReadDouble(node.Element)
                    : throw Error(key, $"must be a number, not {node.Element.ValueKind}");
            }
            catch (FormatException)
            {
                throw Error(key, $"must be a number, not '{node.Element}'");
            }
        }

        public DateTimeOffset Timestamp(string key) =>
            Required(key, JsonValueKind.String).Element.TryGetDateTimeOffset(out var value)
            ? value
            : throw Error(key, "must be an ISO 8601 timestamp");

        public DateTimeOffset? OptionalTimestamp(string key) => Optional(key, JsonValueKind.String) is null ? null
            : Timestamp(key);

        public TEnum Enum<TEnum>(string key)
            where TEnum : struct, Enum
        {
            var text = String(key);
            var name =
                System.Enum.GetNames<TEnum>().FirstOrDefault(n =>
                string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            return name is not null
                ? System.Enum.Parse<TEnum>(name)
                : throw Error(key, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        }

        public IReadOnlyDictionary<string, object> Parameters(string key)
        {
            var node = Required(key, JsonValueKind.Object);
            try
            {
                return JsonValues.ReadObject(node.Element);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                throw Error(key, ex.Message);
            }
        }

        public string AsString() => Element.ValueKind == JsonValueKind.String
            ? Element.GetString()!
            : throw new InvalidDataException($"{File}: {Path} must be a string, not {Element.ValueKind}.");

        public List<Node> Items()
        {
            var items = new List<Node>();
            var index = 0;
            foreach (var item in Element.EnumerateArray())
            {
                items.Add(new Node(File, item, $"{Path}[{index++}]"));
            }

            return items;
        }

        public Node Child(string key, JsonElement element, JsonValueKind kind)
        {
            var child = new Node(File, element, Join(key));
            return element.ValueKind == kind
                ? child
                : throw new InvalidDataException(
                    $"{File}: {child.Path} must be {Describe(kind)}, not {element.ValueKind}.");
        }

        public InvalidDataException Error(string key, string problem) => new($"{File}: {Join(key)} {problem}.");

        private Node Required(string key, JsonValueKind? kind) =>
            Optional(key, kind) ?? throw Error(key, "is missing");

        private Node? Optional(string key, JsonValueKind? kind)
        {
            if (!Element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return kind is { } k ? Child(key, value, k) : new Node(File, value, Join(key));
        }

        private string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => kind.ToString(),
        };
    }
}
