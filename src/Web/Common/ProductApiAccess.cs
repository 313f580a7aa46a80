namespace CodeStream.Integrations.Web.Common;

/// <summary>Who may use the product API (and see the setup page in full): a caller with a key, or — with no key configured — a direct local caller.</summary>
internal sealed class ProductApiAccess(ApiKeys keys)
{
    private const string BearerPrefix = "Bearer ";

    public bool KeysConfigured => !keys.IsEmpty;

    public ProductApiCaller Check(HttpContext http)
    {
        if (keys.IsEmpty)
        {
            return DirectLocalCaller.Is(http) ? ProductApiCaller.Allowed : ProductApiCaller.NotLocal;
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ProductApiCaller.NoKey;
        }

        return keys.Matches(header.AsSpan(BearerPrefix.Length).Trim()) ? ProductApiCaller.Allowed : ProductApiCaller.WrongKey;
    }
}

internal enum ProductApiCaller
{
    Allowed,

    /// <summary>No key is configured and the caller is not a direct local one.</summary>
    NotLocal,
    NoKey,
    WrongKey,
}
