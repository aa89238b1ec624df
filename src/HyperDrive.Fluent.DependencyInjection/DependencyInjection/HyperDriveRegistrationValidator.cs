using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.DependencyInjection;

/// <summary>Builds every named definition when the host starts, so a duplicate name or an invalid definition stops the host
/// with the name and every problem instead of failing the first sweep that uses it.</summary>
internal sealed class HyperDriveRegistrationValidator(IServiceProvider services) : IValidateOptions<HyperDriveRegistration>
{
    public ValidateOptionsResult Validate(string? name, HyperDriveRegistration options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sweep in options.Sweeps)
        {
            if (!seen.Add(sweep.Name))
            {
                failures.Add(SweepCatalog.DuplicateMessage(sweep.Name));
                continue;
            }

            try
            {
                if (sweep.Define(services) is null)
                {
                    failures.Add($"The sweep '{sweep.Name}' could not be built: its definition callback returned null.");
                }
            }
#pragma warning disable CA1031 // Every failure is reported, with the sweep's name, in the one validation result.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures.Add($"The sweep '{sweep.Name}' could not be built: {exception.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
