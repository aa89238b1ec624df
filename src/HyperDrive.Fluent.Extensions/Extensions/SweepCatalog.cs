using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.Extensions;

/// <summary>The <see cref="ISweepCatalog"/>: builds each registered definition once, on first use.</summary>
internal sealed class SweepCatalog : ISweepCatalog
{
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, SweepRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<JobDefinition>> _built = new(StringComparer.Ordinal);

    public SweepCatalog(IOptions<HyperDriveRegistration> registration, IServiceProvider services)
    {
        _services = services;
        var names = new List<string>();
        var duplicates = new List<string>();
        foreach (var sweep in registration.Value.Sweeps)
        {
            if (!_registrations.TryAdd(sweep.Name, sweep))
            {
                duplicates.Add(sweep.Name);
                continue;
            }

            names.Add(sweep.Name);
        }

        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException(
                string.Join(" ", duplicates.Distinct(StringComparer.Ordinal).Select(DuplicateMessage)));
        }

        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    public JobDefinition Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryGet(name, out var definition))
        {
            return definition;
        }

        var known = Names.Count == 0 ? "none is registered" : "registered: " + string.Join(", ", Names);
        throw new KeyNotFoundException(
            $"No sweep or pipeline named '{name}' is registered ({known}). Add it with " +
                $"services.AddHyperDrive().AddSweep(\"{name}\", s => s.For(...)).");
    }

    public bool TryGet(string name, [NotNullWhen(true)] out JobDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_registrations.TryGetValue(name, out var registration))
        {
            definition = null;
            return false;
        }

        definition = _built.GetOrAdd(name, _ => new Lazy<JobDefinition>(() => Build(registration))).Value;
        return true;
    }

    internal static string DuplicateMessage(string name) =>
        $"The sweep name '{name}' is registered more than once; give each AddSweep/AddPipeline call its own name.";

    private JobDefinition Build(SweepRegistration registration)
    {
        JobDefinition? definition;
        try
        {
            definition = registration.Define(_services);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"The sweep '{registration.Name}' could not be built: {exception.Message}", exception);
        }

        if (definition is null)
        {
            throw new InvalidOperationException(
                $"The sweep '{registration.Name}' could not be built: its definition callback returned null.");
        }

        return definition;
    }
}
