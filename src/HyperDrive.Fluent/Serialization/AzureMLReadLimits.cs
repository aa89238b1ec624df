using System.Globalization;

namespace HyperDrive.Fluent.Serialization;

/// <summary>
/// Bounds on what <see cref="AzureMLYaml"/> and <see cref="AzureMLJson"/> accept, so that a hostile or broken file is
/// refused with an <see cref="AzureMLFormatException"/> instead of exhausting the stack, the memory or the time of the
/// process reading it.
/// </summary>
/// <remarks>Real Azure ML job files are a few kilobytes, nest fewer than ten levels and rarely use YAML aliases; the
/// defaults leave them far from every bound.</remarks>
public sealed record AzureMLReadLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static AzureMLReadLimits Default { get; } = new();

    /// <summary>Gets the largest document read, in bytes (UTF-8 for files, UTF-16 characters for text); a larger one is
    /// refused before parsing.</summary>
    /// <value>The default value is 10 MB (10,485,760). Must be positive.</value>
    public long MaxDocumentSize
    {
        get;
        init => field =
            value > 0 ? value : throw new ArgumentOutOfRangeException(
            nameof(value), value, "The size limit must be positive.");
    } = 10L * 1024 * 1024;

    /// <summary>Gets how deeply mappings and lists may nest; deeper documents are refused before any recursive
    /// reading.</summary>
    /// <value>The default value is 64 (the JSON reader's own default). Must be between 1 and 1,000.</value>
    public int MaxDepth
    {
        get;
        init => field = value is >= 1 and <= 1000 ? value : throw new ArgumentOutOfRangeException(
            nameof(value), value, "The depth limit must be between 1 and 1000.");
    } = 64;

    /// <summary>Gets how many YAML aliases (<c>*name</c>) a document may use.</summary>
    /// <value>The default value is 1,000. Must not be negative.</value>
    public int MaxAliases
    {
        get;
        init => field =
            value >= 0 ? value : throw new ArgumentOutOfRangeException(
            nameof(value), value, "The alias limit must not be negative.");
    } = 1000;

    /// <summary>Gets how many nodes YAML aliases may add in total when expanded (an alias of a list of 10 scalars adds
    /// 11).</summary>
    /// <value>The default value is 100,000. Must not be negative.</value>
    public int MaxAliasExpansion
    {
        get;
        init => field =
            value >= 0 ? value : throw new ArgumentOutOfRangeException(
            nameof(value), value, "The alias expansion limit must not be negative.");
    } = 100_000;

    /// <summary>Refuses a document longer than the size limit, before anything is parsed.</summary>
    internal void ThrowIfTooLarge(long size, string? file)
    {
        if (size > MaxDocumentSize)
        {
            throw new AzureMLFormatException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"the document is {size:N0} bytes, over the limit of {MaxDocumentSize:N0}; Azure ML job files ") +
                        "are a few kilobytes. Check that this is the right file, or raise " +
                        "AzureMLReadLimits.MaxDocumentSize.",
                file,
                null,
                null,
                null);
        }
    }
}
