using Medulla.Firmware;

namespace Medulla.Firmware.Tests.Support;

/// <summary>
/// Random environment images made by mkenvimage, shared by the compatibility tests of the library and of
/// the CLI: sizes from 0x400 to 0x4000, each with the variables a correct reader must see.
/// </summary>
public static class RandomImages
{
    public static readonly int[] Sizes = [0x400, 0x1000, 0x2000, 0x4000];

    /// <summary>
    /// An image as found in the field: mkenvimage with default (0xff), zero or random padding; for the
    /// redundant layout two copies made with -r whose flags are then set at random (wraps included), and in
    /// some rounds copy 1 zeroed or copy 2 corrupted. Returns the variables of the copy that must win.
    /// </summary>
    public static (EnvImage Image, Dictionary<string, string> Expected) ForReading(RandomEnv random, Mkenvimage mkenvimage, TempDirectory dir, string name, EnvLayout layout)
    {
        int size = Sizes[random.Random.Next(Sizes.Length)];
        byte? pad = random.Random.Next(3) switch { 0 => null, 1 => 0x00, _ => (byte)random.Random.Next(256) };
        var image = new EnvImage(dir, name, layout, size);
        if (layout == EnvLayout.SingleCopy)
        {
            Dictionary<string, string> variables = random.Variables(size / 200, allowEmptyValues: true);
            File.WriteAllBytes(image.ImagePath, mkenvimage.Create(variables, size, redundant: false, pad, dir));
            return (image, variables);
        }
        Dictionary<string, string> first = random.Variables(size / 200, allowEmptyValues: true);
        Dictionary<string, string> second = random.Variables(size / 200, allowEmptyValues: true);
        byte[] copy0 = mkenvimage.Create(first, size, redundant: true, pad, dir);
        byte[] copy1 = mkenvimage.Create(second, size, redundant: true, pad, dir);
        byte[] flagChoices = [0, 1, 2, 127, 254, 255, (byte)random.Random.Next(256)];
        copy0[4] = flagChoices[random.Random.Next(flagChoices.Length)];
        copy1[4] = flagChoices[random.Random.Next(flagChoices.Length)];
        int damaged = random.Random.Next(5);
        if (damaged == 0)
        {
            Array.Clear(copy0);
        }
        else if (damaged == 1)
        {
            copy1[size - 1] ^= 0x01;
        }
        File.WriteAllBytes(image.ImagePath, [.. copy0, .. copy1]);
        Dictionary<string, string> expected = damaged == 0 ? second : damaged == 1 ? first : Newer(copy0[4], copy1[4]) == 0 ? first : second;
        return (image, expected);
    }

    /// <summary>
    /// An image to write to: mkenvimage's default output (for the redundant layout its -r copy twice), with
    /// fewer and non-empty variables so that later batches of changes fit. Returns its variables.
    /// </summary>
    public static (EnvImage Image, Dictionary<string, string> Variables) ForWriting(RandomEnv random, Mkenvimage mkenvimage, TempDirectory dir, string name, EnvLayout layout)
    {
        int size = Sizes[random.Random.Next(Sizes.Length)];
        var image = new EnvImage(dir, name, layout, size);
        Dictionary<string, string> variables = random.Variables(size / 400, allowEmptyValues: false);
        byte[] copy = mkenvimage.Create(variables, size, layout == EnvLayout.Redundant, null, dir);
        File.WriteAllBytes(image.ImagePath, layout == EnvLayout.Redundant ? [.. copy, .. copy] : copy);
        return (image, variables);
    }

    /// <summary>U-Boot's rule, written out independently of the library's: larger flags win, 0 beats 255, ties go to copy 0.</summary>
    public static int Newer(byte flags0, byte flags1)
    {
        if (flags0 == 255 && flags1 == 0)
        {
            return 1;
        }
        if (flags1 == 255 && flags0 == 0)
        {
            return 0;
        }
        return flags1 > flags0 ? 1 : 0;
    }
}
