namespace CodeStream.Integrations.Web.Common;

/// <summary>Turns one module's exceptions into problem answers, so the shared filter needs to know no module.</summary>
internal interface IProblemMapper
{
    /// <summary>The answer for <paramref name="exception"/>, or <c>null</c> when it is not this module's.</summary>
    IResult? Map(Exception exception);
}
