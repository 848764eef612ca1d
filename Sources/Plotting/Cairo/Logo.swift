/// jumpy's logo, three billiard balls on the cloth: what JupyterLab shows in its launcher.
public enum Logo {
    /// A square PNG `side` pixels wide.
    public static func png(side: Int) -> [UInt8] {
        let canvas = CairoCanvas(width: side, height: side, background: RGB(34, 110, 64))
        let s = Double(side)
        for (x, y, color) in [(0.34, 0.36, Palette.model), (0.66, 0.42, RGB(255, 127, 14)), (0.46, 0.7, RGB.white)] {
            canvas.disc(x * s, y * s, radius: 0.16 * s, color)
        }
        let image = canvas.rgb()
        return PNGImage.encodeRGB(image.bytes, width: image.width, height: image.height)
    }
}
