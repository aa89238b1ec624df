using HyperDrive.Fluent.Serialization;

namespace HyperDrive.Fluent.Fuzzing;

/// <summary>How a read of a (mutated) corpus document came out.</summary>
public enum ReadOutcome
{
    /// <summary>It read, and wrote back and read again equal (or the writer documentedly refused what its format cannot carry).</summary>
    Read,

    /// <summary>The reader rejected it with <see cref="AzureMLFormatException"/>.</summary>
    Rejected,

    /// <summary>It read, but the YAML written from it reads back as another job.</summary>
    ReadsBackDifferent,
}

/// <summary>
/// The one check the reader fuzz test and the reader fuzz benchmark make of every input: read it as its file's format
/// (REST JSON or CLI YAML); a job that reads is written back and, for YAML, read again. Anything but
/// <see cref="AzureMLFormatException"/> from the reader, or an undocumented writer exception, propagates (a crash).
/// </summary>
public static class ReaderRoundTrip
{
    /// <summary>Reads <paramref name="text"/> as the document <paramref name="file"/> held, then round-trips what it read.</summary>
    /// <param name="file">The original file (its extension picks the format; its folder resolves component files).</param>
    /// <param name="text">The (mutated) content.</param>
    /// <param name="rejection">The reader's rejection, when the outcome is <see cref="ReadOutcome.Rejected"/>.</param>
    /// <param name="roundTrip">Whether a job that reads is written back and read again.</param>
    /// <returns>The outcome.</returns>
    public static ReadOutcome Check(string file, string text, out AzureMLFormatException? rejection, bool roundTrip = true)
    {
        rejection = null;
        var isJson = file.EndsWith(".json", StringComparison.Ordinal);
        var options = new AzureMLYamlReadOptions { SourcePath = file, MissingComponentFile = MissingComponentFileBehavior.KeepReference };
        JobDefinition job;
        try
        {
            job = isJson ? AzureMLJson.Read(text, file) : AzureMLYaml.Read(text, options);
        }
        catch (AzureMLFormatException ex)
        {
            rejection = ex;
            return ReadOutcome.Rejected;
        }

        if (!roundTrip)
        {
            return ReadOutcome.Read;
        }

        if (isJson)
        {
            WriteDocumented(() => AzureMLJson.Write(job, AzureMLJsonOptions.Default with { LocalCode = LocalCodeHandling.Omit }));
            return ReadOutcome.Read;
        }

        return WriteDocumented(() => AzureMLYaml.Write(job)) is { } written && !AzureMLYaml.Read(written, options).Equals(job)
            ? ReadOutcome.ReadsBackDifferent
            : ReadOutcome.Read;
    }

    /// <summary>Writes, accepting only the exceptions the writers document for definitions their format cannot carry.</summary>
    private static string? WriteDocumented(Func<string> write)
    {
        try
        {
            return write();
        }
        catch (Exception ex) when (ex.GetType() == typeof(ArgumentException) || ex.GetType() == typeof(InvalidOperationException))
        {
            return null;
        }
    }
}
