namespace HyperDrive.Fluent.Extensions;

/// <summary>An options type with no settings whose validation, run when the host starts, creates the chosen engine, so
/// settings that engine needs (a workspace id, a credential) stop the host instead of failing the first
/// sweep.</summary>
internal sealed class EngineCheck;
