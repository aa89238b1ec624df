using FluentAssertions;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Testing;

/// <summary>Assertions on what an input is bound to, from <c>BindInput("data")</c>.</summary>
/// <typeparam name="TParent">The assertions to go on with.</typeparam>
public sealed class InputBindingAssertions<TParent>
{
    private readonly TParent _parent;
    private readonly string _context;
    private readonly string _verb;
    private readonly string _name;
    private readonly JobInput? _actual;
    private readonly string _yaml;

    internal InputBindingAssertions(TParent parent, string context, string verb, string name, JobInput? actual,
        string yaml)
    {
        _parent = parent;
        _context = context;
        _verb = verb;
        _name = name;
        _actual = actual;
        _yaml = yaml;
    }

    /// <summary>Asserts that the input is bound to the output <paramref name="outputName"/> of the step
    /// <paramref name="stepName"/> (<c>${{parent.jobs.STEP.outputs.NAME}}</c>).</summary>
    /// <param name="stepName">The producing step.</param>
    /// <param name="outputName">Its output.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint to go on with.</returns>
    [CustomAssertion]
    public AndConstraint<TParent> From(string stepName, string outputName, string because = "",
        params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        return Expect(
            BindingInput.ToStepOutput(stepName, outputName), $"the output \"{outputName}\" of step \"{stepName}\"",
            because, becauseArgs);
    }

    /// <summary>Asserts that the input is bound to the pipeline input <paramref name="inputName"/>
    /// (<c>${{parent.inputs.NAME}}</c>).</summary>
    /// <param name="inputName">The pipeline input.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint to go on with.</returns>
    [CustomAssertion]
    public AndConstraint<TParent> FromPipelineInput(string inputName, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputName);
        return Expect(BindingInput.ToPipelineInput(inputName), $"the pipeline input \"{inputName}\"", because,
            becauseArgs);
    }

    internal static string Missing(IReadOnlyDictionary<string, JobInput> inputs) =>
        inputs.Count == 0 ? "it has no inputs"
            : $"it has only {string.Join(", ", inputs.Keys.Select(k => $"\"{k}\""))}";

    private AndConstraint<TParent> Expect(BindingInput expected, string what, string because, object[] becauseArgs)
    {
        if (_actual is null)
        {
            return new(_parent);
        }

        var matches = _actual is BindingInput binding
            && binding.StepName == expected.StepName && binding.Section == expected.Section
                && binding.Name == expected.Name;
        if (!matches)
        {
            AssertionFailure.Fail(_context, $"{_verb} \"{_name}\" to {what}", $"it is {DescribeInput(_actual)}", _yaml,
                because, becauseArgs);
        }

        return new(_parent);
    }

    private static string DescribeInput(JobInput input) => input switch
    {
        BindingInput b => $"bound to {b.Expression}",
        LiteralInput l => $"the literal {Describe.Value(l.Value)}",
        AssetInput a => $"the {a.Type} asset {a.Path}",
        _ => input.GetType().Name,
    };
}
