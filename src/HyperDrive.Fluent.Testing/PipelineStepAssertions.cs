using FluentAssertions;
using FluentAssertions.Execution;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Testing;

/// <summary>Assertions on one step of a pipeline, from <see cref="PipelineDefinitionAssertions.HaveStep"/>.</summary>
public sealed class PipelineStepAssertions
{
    private readonly PipelineDefinitionAssertions _pipeline;
    private readonly string _name;
    private readonly JobDefinition? _step;

    internal PipelineStepAssertions(PipelineDefinitionAssertions pipeline, string name, JobDefinition? step)
    {
        _pipeline = pipeline;
        _name = name;
        _step = step;
    }

    /// <summary>Gets the step (<see langword="null"/> when the pipeline has none of that name).</summary>
    public JobDefinition? Which => _step;

    /// <summary>Asserts that the step is a sweep, and runs <paramref name="inspect"/> on it: <c>.ThatSweeps(s =&gt;
    /// s.Maximize("r2").UseBandit(2, 0.1))</c>. Failures inside show the step's YAML.</summary>
    /// <param name="inspect">Assertions on the sweep; <see langword="null"/> for none.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the sweep.</returns>
    [CustomAssertion]
    public AndWhichConstraint<PipelineDefinitionAssertions, SweepDefinition?> ThatSweeps(
        Action<SweepDefinitionAssertions>? inspect = null, string because = "", params object[] becauseArgs)
    {
        var sweep = _step as SweepDefinition;
        if (_step is not null && sweep is null)
        {
            AssertionFailure.Fail("pipeline", $"have step \"{_name}\" sweep", $"it is a {_step.JobType} step",
                Describe.Yaml($"Step \"{_name}\"", _step), because, becauseArgs);
        }

        if (sweep is not null && inspect is not null)
        {
            using var scope = new AssertionScope($"step \"{_name}\"");
            inspect(new SweepDefinitionAssertions(sweep, $"Step \"{_name}\""));
        }

        return new(_pipeline, sweep);
    }

    /// <summary>Asserts that the step is a command step.</summary>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the command job.</returns>
    [CustomAssertion]
    public AndWhichConstraint<PipelineDefinitionAssertions, CommandJobDefinition?> ThatRunsCommand(
        string because = "", params object[] becauseArgs)
    {
        var command = _step as CommandJobDefinition;
        if (_step is not null && command is null)
        {
            AssertionFailure.Fail("pipeline", $"have step \"{_name}\" run a command", $"it is a {_step.JobType} step",
                Describe.Yaml($"Step \"{_name}\"", _step), because, becauseArgs);
        }

        return new(_pipeline, command);
    }

    /// <summary>Asserts that the step has the input <paramref name="name"/>; chain <c>.From("prep",
    /// "data")</c>.</summary>
    /// <param name="name">The input (<c>data</c>, or the script flag <c>--data</c>).</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>Assertions on the input's binding.</returns>
    [CustomAssertion]
    public InputBindingAssertions<PipelineStepAssertions> BindInput(
        string name, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.TrimStart('-');
        var input = _step?.Inputs.GetValueOrDefault(key);
        var yaml = _step is null ? string.Empty : Describe.Yaml($"Step \"{_name}\"", _step);
        if (_step is not null && input is null)
        {
            AssertionFailure.Fail("pipeline", $"have step \"{_name}\" take the input \"{key}\"",
                InputBindingAssertions<PipelineStepAssertions>.Missing(_step.Inputs), yaml, because, becauseArgs);
        }

        return new InputBindingAssertions<PipelineStepAssertions>(
            this, "pipeline", $"have step \"{_name}\" bind its input", key, input, yaml);
    }

    /// <summary>Goes back to the pipeline's assertions.</summary>
    public PipelineDefinitionAssertions And => _pipeline;
}
