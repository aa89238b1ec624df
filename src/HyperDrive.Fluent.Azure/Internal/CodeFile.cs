namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>One file of a code snapshot.</summary>
internal sealed record CodeFile(string FullPath, string RelativePath, long Length);
