using HyperDrive.Fluent.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.Extensions;

/// <summary>Creates the engine <see cref="HyperDriveOptions.Engine"/> names when the host starts; what stops its
/// creation stops the host with the engine's own message. Options that are themselves invalid are reported by their own
/// validators (so the host reports each problem once).</summary>
internal sealed class EngineCheckValidator(IServiceProvider services) : IValidateOptions<EngineCheck>
{
    public ValidateOptionsResult Validate(string? name, EngineCheck options)
    {
        try
        {
            var engine = services.GetRequiredService<IOptions<HyperDriveOptions>>().Value.Engine;
            _ = services.GetKeyedService<ISweepEngine>(engine);
            return ValidateOptionsResult.Success;
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip;
        }
        catch (InvalidOperationException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }
    }
}
