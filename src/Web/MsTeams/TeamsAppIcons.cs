namespace CodeStream.Integrations.Web.MsTeams;

/// <summary>
/// The Teams app's two icons, drawn in code: Teams wants a 192×192 full-colour icon and a 32×32 outline icon that is
/// white on transparent. Both show a "C" (a ring open to the right); no anti-aliasing, which is enough at these sizes.
/// </summary>
internal static class TeamsAppIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    /// <summary>A white "C" on the app's accent colour (#1A1D21).</summary>
    public static byte[] Color() => Draw(ColorSize, background: (0x1A, 0x1D, 0x21, 0xFF), foreground: (0xFF, 0xFF, 0xFF, 0xFF));

    /// <summary>A white "C" on transparent.</summary>
    public static byte[] Outline() => Draw(OutlineSize, background: (0, 0, 0, 0), foreground: (0xFF, 0xFF, 0xFF, 0xFF));

    private static byte[] Draw(int size, (byte R, byte G, byte B, byte A) background, (byte R, byte G, byte B, byte A) foreground)
    {
        var pixels = new byte[size * size * 4];
        var center = size / 2.0;
        var outer = size * 0.38;
        var inner = size * 0.24;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                // Pixel centres, so that the shape is symmetric.
                var dx = x + 0.5 - center;
                var dy = y + 0.5 - center;
                var distance = Math.Sqrt((dx * dx) + (dy * dy));
                var inRing = distance >= inner && distance <= outer;
                var inGap = dx > 0 && Math.Abs(dy) < dx * 0.75;
                var colour = inRing && !inGap ? foreground : background;

                var offset = ((y * size) + x) * 4;
                pixels[offset] = colour.R;
                pixels[offset + 1] = colour.G;
                pixels[offset + 2] = colour.B;
                pixels[offset + 3] = colour.A;
            }
        }

        return PngImage.Encode(size, size, pixels);
    }
}
