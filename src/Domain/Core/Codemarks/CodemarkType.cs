namespace CodeStream.Integrations.Domain.Core.Codemarks;

/// <summary>The kinds of codemark CodeStream knows.</summary>
public enum CodemarkType
{
    Comment,
    Issue,
    Question,
    Bookmark,
    Trap,
    Link,
}
