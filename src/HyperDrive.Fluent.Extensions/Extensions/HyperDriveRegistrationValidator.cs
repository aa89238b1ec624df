using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.Extensions;

/// <summary>Builds every named definition when the host starts, so a duplicate name or an invalid definition stops the
/// host with the name and every problem instead of failing the first sweep that uses it. The catalog keeps what it
/// built.</summary>
internal sealed class HyperDriveRegistrationValidator(IServiceProvider services) : IValidateOptions<SweepCatalogCheck>
{
    public ValidateOptionsResult Validate(string? name, SweepCatalogCheck options)
    {
        ISweepCatalog catalog;
        try
        {
            catalog = services.GetRequiredService<ISweepCatalog>();
        }
        catch (InvalidOperationException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }

        var failures = new List<string>();
        foreach (var sweep in catalog.Names)
        {
            try
            {
                catalog.Get(sweep);
            }
            catch (InvalidOperationException exception)
            {
                failures.Add(exception.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
