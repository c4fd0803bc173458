using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one symbol-version requirement of an ELF64 little-endian shared library weak (VER_FLG_WEAK in the vna_flags of
/// its Vernaux entry in the SHT_GNU_verneed section), unless the system library already defines that version. A two-byte
/// change in place; running it again is a no-op.
/// </summary>
public sealed class AttuneMarkVersionWeak : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 2;

    [Required]
    public string File { get; set; } = string.Empty;

    [Required]
    public string Version { get; set; } = string.Empty;

    [Required]
    public string SystemLibrary { get; set; } = string.Empty;

    public override bool Execute()
    {
        byte[] name = Encoding.ASCII.GetBytes(Version + "\0");
        if (System.IO.File.Exists(SystemLibrary) && Contains(System.IO.File.ReadAllBytes(SystemLibrary), name))
        {
            Log.LogMessage(MessageImportance.Low, $"{SystemLibrary} defines {Version}: {File} left as it is.");
            return true;
        }

        byte[] elf = System.IO.File.ReadAllBytes(File);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            Log.LogError($"{File} is not a little-endian ELF64 file.");
            return false;
        }

        long sectionOffset = (long)U64(elf, 0x28);
        int sectionSize = U16(elf, 0x3A);
        int sectionCount = U16(elf, 0x3C);
        for (int s = 0; s < sectionCount; s++)
        {
            int header = (int)(sectionOffset + (long)s * sectionSize);
            if (U32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            long offset = (long)U64(elf, header + 24);
            int link = (int)U32(elf, header + 40);
            int needCount = (int)U32(elf, header + 44);
            int strings = (int)(sectionOffset + (long)link * sectionSize);
            long stringOffset = (long)U64(elf, strings + 24);
            long need = offset;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = U16(elf, (int)need + 2);
                long aux = need + U32(elf, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    long nameAt = stringOffset + U32(elf, (int)aux + 8);
                    if (IndexOf(elf, name, (int)nameAt) == (int)nameAt)
                    {
                        return MarkWeak(elf, (int)aux + 4);
                    }

                    aux += U32(elf, (int)aux + 12);
                }

                need += U32(elf, (int)need + 12);
            }
        }

        Log.LogMessage(MessageImportance.Low, $"{File} does not require {Version}: nothing to patch.");
        return true;
    }

    private bool MarkWeak(byte[] elf, int flagsAt)
    {
        ushort flags = U16(elf, flagsAt);
        if ((flags & VerFlagWeak) != 0)
        {
            return true;
        }

        using (var stream = new FileStream(File, FileMode.Open, FileAccess.Write))
        {
            stream.Position = flagsAt;
            int weak = flags | VerFlagWeak;
            stream.Write(new[] { (byte)(weak & 0xff), (byte)(weak >> 8) }, 0, 2);
        }

        Log.LogMessage(MessageImportance.Normal, $"Marked {Version} weak in {File} (the system libstdc++ lacks it).");
        return true;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => IndexOf(haystack, needle, 0) >= 0;

    // RoslynCodeTaskFactory compiles against netstandard2.0: no spans there, so bytes are read by hand (little-endian).
    private static ushort U16(byte[] b, int at) => (ushort)(b[at] | (b[at + 1] << 8));

    private static uint U32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

    private static ulong U64(byte[] b, int at) => U32(b, at) | ((ulong)U32(b, at + 4) << 32);

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        for (int i = start; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
