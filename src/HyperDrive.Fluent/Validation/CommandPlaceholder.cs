namespace HyperDrive.Fluent.Validation;

/// <summary>A placeholder found in a command template.</summary>
/// <param name="Section">The section: <c>search_space</c>, <c>inputs</c> or <c>outputs</c>.</param>
/// <param name="Name">The name after the section.</param>
/// <param name="Text">The placeholder as written, e.g. <c>${{search_space.alpha}}</c>.</param>
/// <param name="Index">Where it starts in the command.</param>
/// <param name="IsLegacy">Whether it uses the pre-GA <c>{search_space.x}</c> form.</param>
public sealed record CommandPlaceholder(string Section, string Name, string Text, int Index, bool IsLegacy);
