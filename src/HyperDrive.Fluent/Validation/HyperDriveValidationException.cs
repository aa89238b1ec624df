using System.Text;

namespace HyperDrive.Fluent.Validation;

/// <summary>A definition broke one or more rules; <see cref="Problems"/> lists every one, and the message
/// too.</summary>
public sealed class HyperDriveValidationException : Exception
{
    /// <summary>Initializes a new exception.</summary>
    public HyperDriveValidationException()
        : this("The definition is not valid.", [])
    {
    }

    /// <summary>Initializes a new exception.</summary>
    /// <param name="message">The primary message.</param>
    public HyperDriveValidationException(string message)
        : this(message, [])
    {
    }

    /// <summary>Initializes a new exception.</summary>
    /// <param name="message">The primary message.</param>
    /// <param name="innerException">The cause.</param>
    public HyperDriveValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Initializes a new exception listing <paramref name="problems"/>.</summary>
    /// <param name="message">The primary message.</param>
    /// <param name="problems">The problems.</param>
    public HyperDriveValidationException(string message, IReadOnlyList<ValidationProblem> problems)
        : base(Format(message, problems))
    {
        Problems = problems;
    }

    /// <summary>Gets every problem, errors first.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>Throws when <paramref name="problems"/> holds an error.</summary>
    /// <param name="problems">The problems found.</param>
    /// <param name="message">The primary message.</param>
    /// <exception cref="HyperDriveValidationException">At least one problem is an error.</exception>
    public static void ThrowIfErrors(IReadOnlyList<ValidationProblem> problems, string message)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Any(p => p.IsError))
        {
            throw new HyperDriveValidationException(message, problems.OrderByDescending(p => p.Severity).ToList());
        }
    }

    private static string Format(string message, IReadOnlyList<ValidationProblem> problems)
    {
        if (problems.Count == 0)
        {
            return message;
        }

        var text = new StringBuilder(message);
        var errors = problems.Count(p => p.IsError);
        text.Append(' ').Append(errors).Append(errors == 1 ? " error" : " errors");
        var warnings = problems.Count - errors;
        if (warnings > 0)
        {
            text.Append(", ").Append(warnings).Append(warnings == 1 ? " warning" : " warnings");
        }

        text.Append(':');
        foreach (var problem in problems)
        {
            text.AppendLine().Append("- ").Append(problem);
        }

        return text.ToString();
    }
}
