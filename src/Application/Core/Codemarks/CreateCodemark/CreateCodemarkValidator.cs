using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Codemarks.CreateCodemark;

internal sealed class CreateCodemarkValidator : AbstractValidator<CreateCodemarkCommand>
{
    public CreateCodemarkValidator()
    {
        RuleFor(c => c.TeamId).MustBeId(TeamId.Prefix);
        RuleFor(c => c.CreatorId).MustBeId(UserId.Prefix);
        RuleFor(c => c.Type).NotEmpty().Must(CodemarkTypes.IsKnown)
            .WithMessage($"'{{PropertyName}}' must be one of: {string.Join(", ", CodemarkTypes.Names)}.");
        RuleFor(c => c.Title).MaximumLength(Codemark.MaxTitleLength);
        RuleFor(c => c.Text).MaximumLength(Codemark.MaxTextLength);
        RuleFor(c => c)
            .Must(c => !string.IsNullOrWhiteSpace(c.Text) || !string.IsNullOrWhiteSpace(c.Title))
            .WithName("Text").WithMessage("'Text' must not be empty unless a title is given.");
        RuleFor(c => c.Title).NotEmpty()
            .When(c => CodemarkTypes.TryParse(c.Type, out var type) && type == CodemarkType.Bookmark)
            .WithMessage("'Title' is required for a bookmark.");
        RuleFor(c => c.Markers).NotNull().Must(m => m is null || m.Count <= Codemark.MaxMarkers)
            .WithMessage($"'{{PropertyName}}' may hold at most {Codemark.MaxMarkers} markers.");
        RuleForEach(c => c.Markers).NotNull().WithMessage("Each marker must be an object.").SetValidator(new MarkerInputValidator());
    }
}

internal sealed class MarkerInputValidator : AbstractValidator<MarkerInput>
{
    public MarkerInputValidator()
    {
        RuleFor(m => m.File).NotEmpty().MaximumLength(Marker.MaxFileLength);
        RuleFor(m => m.Repo).MaximumLength(Marker.MaxFileLength);
        RuleFor(m => m.CommitHash).MaximumLength(64);
        RuleFor(m => m.StartLine).GreaterThanOrEqualTo(1);
        RuleFor(m => m.EndLine).GreaterThanOrEqualTo(m => m.StartLine);
        RuleFor(m => m.Code).MaximumLength(Marker.MaxCodeLength);
        RuleFor(m => m.RemoteCodeUrl).MaximumLength(Marker.MaxUrlLength)
            .Must(url => url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            .WithMessage("'{PropertyName}' must be an absolute http(s) URL.");
    }
}
