using HyperDrive.Fluent.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.Extensions;

/// <summary>Checks <see cref="HyperDriveOptions"/> when the host starts; every failure names its configuration key and
/// the fix.</summary>
internal sealed class HyperDriveOptionsValidator(
    IOptions<HyperDriveRegistration> registration, IServiceProvider services) : IValidateOptions<HyperDriveOptions>
{
    public ValidateOptionsResult Validate(string? name, HyperDriveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = registration.Value.SectionPath;
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Engine))
        {
            failures.Add(
                $"{section}:Engine is blank: name a registered engine such as {HyperDriveOptions.LocalEngine}, or " +
                $"remove the key to use {HyperDriveOptions.LocalEngine}.");
        }
        else if (services.GetService(typeof(IServiceProviderIsKeyedService)) is IServiceProviderIsKeyedService keyed
                 && !keyed.IsKeyedService(typeof(ISweepEngine), options.Engine))
        {
            failures.Add(HyperDriveEngines.NotRegistered(section, options.Engine));
        }

        ValidateLocal(options, $"{section}:Local", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateLocal(HyperDriveOptions options, string localKey, List<string> failures)
    {
        var local = options.Local;
        if (string.IsNullOrWhiteSpace(local.OutputRoot))
        {
            failures.Add(
                $"{localKey}:OutputRoot must name a folder (the default is ./.hyperdrive/runs); remove the key to " +
                "use the default.");
        }

        if (local.MaxConcurrentTrials is < 1)
        {
            failures.Add(
                $"{localKey}:MaxConcurrentTrials must be 1 or more (it is {local.MaxConcurrentTrials}); remove it to " +
                "use the processor count.");
        }

        if (local.MlflowPollInterval <= TimeSpan.Zero)
        {
            failures.Add(
                $"{localKey}:MlflowPollInterval must be a positive duration such as 00:00:00.500 (it is " +
                $"{local.MlflowPollInterval}).");
        }

        if (local.PythonExecutable is { } python && string.IsNullOrWhiteSpace(python))
        {
            failures.Add(
                $"{localKey}:PythonExecutable is blank; name an executable such as python3, or remove the key.");
        }
    }
}
