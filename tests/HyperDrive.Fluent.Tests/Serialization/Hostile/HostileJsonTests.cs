using HyperDrive.Fluent.Serialization;

namespace HyperDrive.Fluent.Tests.Serialization.Hostile;

/// <summary>Issue 15: the JSON reader's bounds (size, depth) and NUL characters.</summary>
public class HostileJsonTests
{
    [Fact]
    public void A_nul_in_a_string_is_an_error_naming_the_path()
    {
        var act = () => AzureMLJson.Read("""{"properties": {"jobType": "Sweep", "displayName": "a\u0000b"}}""", "job.json");

        act.Should().Throw<AzureMLFormatException>().Which.Key.Should().Be("properties.displayName");
    }

    [Fact]
    public void Nesting_forty_thousand_deep_is_a_format_error()
    {
        var act = () => AzureMLJson.Read(new string('[', 40_000) + new string(']', 40_000), "job.json");

        act.Should().Throw<AzureMLFormatException>().WithMessage("*not valid JSON*");
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused()
    {
        var options = AzureMLJsonOptions.Default with { ReadLimits = new AzureMLReadLimits { MaxDocumentSize = 100 } };
        var act = () => AzureMLJson.Read("{\"properties\": {\"description\": \"" + new string('x', 200) + "\"}}", "job.json", options);

        act.Should().Throw<AzureMLFormatException>().WithMessage("*over the limit of 100*");
    }
}
