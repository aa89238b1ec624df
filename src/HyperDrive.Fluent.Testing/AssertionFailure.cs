using FluentAssertions.Execution;

namespace HyperDrive.Fluent.Testing;

/// <summary>Reports a failure whose text is built here (so braces in YAML are not taken for placeholders);
/// <c>{reason}</c> and <c>{context:...}</c> keep their FluentAssertions meaning.</summary>
internal static class AssertionFailure
{
    /// <summary>Fails with "Expected {subject} to {expectation}{reason}, but {actual}." followed by
    /// <paramref name="details"/>.</summary>
    public static void Fail(string subjectContext, string expectation, string actual, string details, string because,
        object[] becauseArgs)
    {
        var message = "Expected {context:" + subjectContext + "} to " + Describe.Literal(expectation)
            + "{reason}, but " +
            Describe.Literal(actual) + "." + Describe.Literal(details);
        Execute.Assertion.BecauseOf(because, becauseArgs).FailWith(message, []);
    }
}
