using System.Collections;
using System.Globalization;

namespace HyperDrive.Fluent.Engines;

/// <summary>A trial's sampled parameters by search-space key, with typed getters. Values are <see cref="long"/>,
/// <see cref="double"/>, <see cref="string"/>, <see cref="bool"/>, or nested dictionaries for object choices.</summary>
public sealed class TrialParameters : IReadOnlyDictionary<string, object>
{
    private readonly IReadOnlyDictionary<string, object> _values;

    /// <summary>Initializes the parameters (for example to call a trial delegate in a unit test).</summary>
    /// <param name="values">The values by key.</param>
    public TrialParameters(IReadOnlyDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<object> Values => _values.Values;

    /// <inheritdoc />
    public object this[string key] => Find(key);

    /// <summary>Gets a number parameter as a <see cref="double"/> (integers convert).</summary>
    /// <param name="name">The search-space key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    /// <exception cref="InvalidCastException">The value is not a number.</exception>
    public double GetDouble(string name) => Get<double>(name);

    /// <summary>Gets an integer parameter (a real with an integral value converts).</summary>
    /// <param name="name">The search-space key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    /// <exception cref="InvalidCastException">The value is not an integer.</exception>
    public long GetInt64(string name) => Get<long>(name);

    /// <summary>Gets an integer parameter as an <see cref="int"/>.</summary>
    /// <param name="name">The search-space key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    /// <exception cref="InvalidCastException">The value is not an integer in range.</exception>
    public int GetInt32(string name) => Get<int>(name);

    /// <summary>Gets a parameter as text (numbers in invariant culture).</summary>
    /// <param name="name">The search-space key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public string GetString(string name) => Get<string>(name);

    /// <summary>Gets a boolean parameter.</summary>
    /// <param name="name">The search-space key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    /// <exception cref="InvalidCastException">The value is not a boolean.</exception>
    public bool GetBoolean(string name) => Get<bool>(name);

    /// <summary>Gets a parameter converted to <typeparamref name="T"/> (numbers, strings, booleans, enums by name, or
    /// <c>IReadOnlyDictionary&lt;string, object&gt;</c> for object choices).</summary>
    /// <typeparam name="T">The type wanted.</typeparam>
    /// <param name="name">The search-space key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    /// <exception cref="InvalidCastException">The value does not convert to <typeparamref name="T"/>.</exception>
    public T Get<T>(string name)
    {
        var value = Find(name);
        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            if (target == typeof(string))
            {
                return (T)(object)(
                    value is IFormattable f ? f.ToString(value is double ? "R" : null, CultureInfo.InvariantCulture)
                    : value.ToString()!);
            }

            if (target.IsEnum && value is string text)
            {
                return (T)Enum.Parse(target, text, ignoreCase: true);
            }

            if (value is double d && (target == typeof(long) || target == typeof(int) || target == typeof(short))
                && Math.Floor(d) != d)
            {
                throw new InvalidCastException();
            }

            return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (
            ex is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidCastException(
                $"The parameter '{name}' is {Describe(value)}, which does not convert to {typeof(T).Name}.", ex);
        }
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value) =>
        _values.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private object Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _values.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException(
                $"The trial has no parameter '{name}' (parameters: " +
                $"{(_values.Count == 0 ? "none" : string.Join(", ", _values.Keys))}).");
    }

    private static string Describe(object value) => value switch
    {
        string s => $"the string '{s}'",
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        _ => $"a {value.GetType().Name}",
    };
}
