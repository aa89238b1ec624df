using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>One coordinate of the unit cube a <see cref="SearchSpaceLayout"/> decodes.</summary>
/// <param name="Index">The coordinate's 0-based position in the point.</param>
/// <param name="Path">The parameter it samples: <c>lr</c> for a top-level parameter, <c>model[1].C</c> for the
/// member <c>C</c> of the second option of the choice <c>model</c>.</param>
/// <param name="Distribution">The distribution sampled (for a <see cref="ChoiceDistribution"/> the coordinate selects
/// the option).</param>
/// <param name="IsNested">Whether the coordinate belongs to an option of a choice, so it is used only when that option
/// is chosen.</param>
internal sealed record SpaceDimension(int Index, string Path, Distribution Distribution, bool IsNested);
