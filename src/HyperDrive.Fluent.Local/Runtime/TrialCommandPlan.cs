using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent.Local.Processes;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// How a command component runs on this machine: the command template split into argv words once (no shell), the code
/// folder as working directory, inputs resolved to local paths or literal text, outputs as per-trial folders. Each
/// word's placeholders are substituted after splitting, so a value never becomes more than one argv item.
/// </summary>
internal sealed class TrialCommandPlan
{
    private readonly IReadOnlyList<IReadOnlyList<string>> _template;
    private readonly IReadOnlyDictionary<string, string> _inputs;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private TrialCommandPlan(IReadOnlyList<IReadOnlyList<string>> template, string workingDirectory,
        IReadOnlyDictionary<string, string> inputs, IReadOnlyList<string> outputs, IReadOnlyDictionary<string,
        string> environment)
    {
        _template = template;
        WorkingDirectory = workingDirectory;
        _inputs = inputs;
        OutputNames = outputs;
        _environment = environment;
    }

    public string WorkingDirectory { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Checks that the component can run here and plans it; adds a problem (with its path) for everything that
    /// cannot.</summary>
    public static TrialCommandPlan? Create(CommandComponent component, EquatableMap<JobInput> inputs,
        EquatableMap<JobOutput> outputs, string baseDirectory, string componentPrefix, string jobPrefix,
        List<ValidationProblem> problems, string? pythonExecutable)
    {
        var before = problems.Count;
        void Problem(string path, string message, string fix) => problems.Add(new ValidationProblem(
            ValidationSeverity.Error, (path.StartsWith("inputs.", StringComparison.Ordinal) ? jobPrefix
                : componentPrefix) + path, message, fix));

        if (component.IsReference)
        {
            Problem("trial",
                $"The trial refers to the registered component '{component.ComponentId}', which the local engine " +
                "cannot fetch.", "Define the command inline or point to the component's YAML file.");
            return null;
        }

        IReadOnlyList<IReadOnlyList<string>> template = [];
        try
        {
            template = CommandLineParser.Parse(component.Command);
        }
        catch (FormatException ex)
        {
            Problem("command", $"The command cannot run without a shell: {ex.Message}",
                "Split it into separate steps, or move the shell logic into a script (commands may chain with '&&' " +
                    "only; quotes work as in a POSIX shell).");
        }

        string workingDirectory = baseDirectory;
        if (component.Code is { } code)
        {
            if (IsRemote(code))
            {
                Problem("code", $"'{code}' is not a local folder; the local engine runs code from this machine.",
                    "Give the folder holding the scripts (relative to the definition's base directory).");
            }
            else
            {
                workingDirectory = Path.GetFullPath(Path.Combine(baseDirectory, code));
                if (!Directory.Exists(workingDirectory))
                {
                    Problem("code", $"The code folder '{workingDirectory}' does not exist.",
                        "Create it or fix the path (relative paths start at the base directory).");
                }
            }
        }

        if (problems.Count == before)
        {
            // Preflight: what would make every trial fail is said once, before the first trial starts.
            foreach (var problem in TrialPreflight.Check(template, workingDirectory, pythonExecutable))
            {
                Problem("command", problem.Message, problem.Fix);
            }
        }

        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, input) in component.Inputs)
        {
            if (input.Default is { } value)
            {
                resolved[name] = FormatValue(value);
            }
        }

        foreach (var (name, input) in inputs)
        {
            switch (input)
            {
                case LiteralInput literal:
                    resolved[name] = literal.ValueText;
                    break;
                case AssetInput asset when IsRemote(asset.Path):
                    Problem("inputs." + name, $"'{asset.Path}' is not on this machine.",
                        "Give a local file or folder path for the local run (the same definition can keep the Azure " +
                        "path for Azure ML).");
                    break;
                case AssetInput asset:
                    var path = Path.GetFullPath(Path.Combine(baseDirectory, asset.Path));
                    if (!File.Exists(path) && !Directory.Exists(path))
                    {
                        Problem("inputs." + name, $"The input path '{path}' does not exist.",
                            "Create it or fix the path (relative paths start at the base directory).");
                    }

                    resolved[name] = path;
                    break;
                case BindingInput binding:
                    Problem("inputs." + name,
                        $"'{binding.Expression}' binds to a pipeline value, but this job does not run in a pipeline.",
                        "Give a literal or a local path.");
                    break;
            }
        }

        var outputNames = outputs.Keys.Concat(component.Outputs.Keys).Distinct(StringComparer.Ordinal).ToArray();
        return problems.Count > before ? null
            : new TrialCommandPlan(template, workingDirectory, resolved, outputNames, component.EnvironmentVariables);
    }

    /// <summary>Builds the launch of one trial.</summary>
    public ProcessLaunch Build(IReadOnlyDictionary<string, object> parameters, string trialFolder,
        string outputDirectory, IReadOnlyDictionary<string, string> extraEnvironment, string? pythonExecutable)
    {
        string? Resolve(CommandPlaceholder placeholder) => placeholder.Section switch
        {
            "search_space" => parameters.TryGetValue(placeholder.Name, out var value) ? FormatValue(value) : null,
            "inputs" => _inputs.TryGetValue(placeholder.Name, out var input) ? input
                : parameters.TryGetValue(placeholder.Name, out var parameter) ? FormatValue(parameter) : null,
            "outputs" => Path.Combine(outputDirectory, placeholder.Name),
            _ => null,
        };

        var commands = _template
            .Select(argv =>
            {
                var words = argv.Select(word => CommandTemplate.Substitute(word, Resolve)).ToArray();
                words[0] = ExecutableResolver.Resolve(words[0], WorkingDirectory, pythonExecutable);
                return (IReadOnlyList<string>)words;
            })
            .ToArray();

        var environment = new Dictionary<string, string>(extraEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in _environment)
        {
            environment[name] = value;
        }

        var logs = Path.Combine(trialFolder, "logs");
        return new ProcessLaunch(commands, WorkingDirectory, environment, Path.Combine(logs, "stdout.txt"),
            Path.Combine(logs, "stderr.txt"));
    }

    /// <summary>Formats a parameter the way Azure ML passes it on the command line (invariant culture, round-trippable
    /// reals, Python-style booleans, object choices as JSON).</summary>
    public static string FormatValue(object value) => value switch
    {
        string s => s,
        bool b => b ? "True" : "False",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object> map => ToJson(map),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string ToJson(IReadOnlyDictionary<string, object> map)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            JsonValues.WriteObject(writer, map);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static bool IsRemote(string path) =>
        path.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase)
            || path.Contains("://", StringComparison.Ordinal);
}
