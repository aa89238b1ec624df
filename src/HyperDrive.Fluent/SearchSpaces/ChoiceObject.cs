using System.Collections;

namespace HyperDrive.Fluent.SearchSpaces;

/// <summary>
/// An object-valued choice option whose members are literals or nested <see cref="Distribution"/>s
/// (Azure ML's conditional search spaces, e.g. <c>choice({"model": "svm", "C": uniform(0.1, 10)})</c>).
/// </summary>
public sealed class ChoiceObject : IReadOnlyDictionary<string, object>, IEquatable<ChoiceObject>
{
    private readonly EquatableMap<object> _members;

    /// <summary>Initializes a new choice object.</summary>
    /// <param name="members">The members: literals (string, number, boolean) or <see cref="Distribution"/>s.</param>
    public ChoiceObject(IEnumerable<KeyValuePair<string, object>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var index = 0;
        _members = EquatableMap<object>.Create(members.Select(m => new KeyValuePair<string, object>(
            m.Key,
            m.Value is Distribution ? m.Value : ChoiceDistribution.Normalize(m.Value, index++))));
    }

    /// <summary>Initializes a new choice object from name/value tuples.</summary>
    /// <param name="members">The members.</param>
    public ChoiceObject(params (string Name, object Value)[] members)
        : this(members.Select(m => new KeyValuePair<string, object>(m.Name, m.Value)))
    {
    }

    /// <summary>Gets whether any member is a distribution.</summary>
    public bool HasDistributions => _members.Values.Any(v => v is Distribution);

    /// <inheritdoc />
    public object this[string key] => _members[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _members.Keys;

    /// <inheritdoc />
    public IEnumerable<object> Values => _members.Values;

    /// <inheritdoc />
    public int Count => _members.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _members.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out object value) => _members.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _members.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ChoiceObject? other) => other is not null && _members.Equals(other._members);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ChoiceObject);

    /// <inheritdoc />
    public override int GetHashCode() => _members.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => _members.ToString();
}
