namespace HyperDrive.Fluent.Extensions;

/// <summary>An options type with no settings whose validation, run when the host starts, builds every named definition
/// through the <see cref="ISweepCatalog"/> (so each is built once, and a bad one stops the host).</summary>
internal sealed class SweepCatalogCheck;
