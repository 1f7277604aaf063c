namespace Medulla.Pstore;

/// <summary>What a pstore record holds, from the first part of its file name.</summary>
public enum PstoreRecordKind
{
    /// <summary><c>pmsg-*</c>: what user space wrote to /dev/pmsg0 (the pmsg handler's lines).</summary>
    Pmsg,

    /// <summary><c>console-*</c>: the kernel console of the previous boot.</summary>
    Console,

    /// <summary><c>dmesg-*</c>: a kernel log dump taken at an oops or panic, possibly in several parts.</summary>
    Dmesg,

    /// <summary><c>ftrace-*</c>: function trace records.</summary>
    Ftrace,

    /// <summary>Another record type (mce, rtas, powerpc-*) or a name pstore would not make.</summary>
    Unknown,
}
