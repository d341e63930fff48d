package org.nuisance.engine.root;

/** The basic value types of ROOT branches, with ROOT's streamer type codes and their sizes in bytes. */
public enum BasicType {
    BOOL(18, 1, "bool"),
    INT8(1, 1, "int8_t"),
    UINT8(11, 1, "uint8_t"),
    INT16(2, 2, "int16_t"),
    UINT16(12, 2, "uint16_t"),
    INT32(3, 4, "int32_t"),
    UINT32(13, 4, "uint32_t"),
    INT64(16, 8, "int64_t"),
    UINT64(17, 8, "uint64_t"),
    FLOAT32(5, 4, "float"),
    FLOAT64(8, 8, "double");

    private final int code;
    private final int size;
    private final String cName;

    BasicType(int code, int size, String cName) {
        this.code = code;
        this.size = size;
        this.cName = cName;
    }

    public int code() {
        return code;
    }

    public int size() {
        return size;
    }

    /** The C++ type name (as uproot and numpy users know it). */
    public String cName() {
        return cName;
    }

    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** By streamer type code (1..19); Long_t (4, 14) is stored as 8 bytes. Null if not a basic type. */
    public static BasicType ofCode(int code) {
        return switch (code) {
            case 1 -> INT8;
            case 2 -> INT16;
            case 3, 6 -> INT32;
            case 4, 16 -> INT64;
            case 5 -> FLOAT32;
            case 8 -> FLOAT64;
            case 11 -> UINT8;
            case 12 -> UINT16;
            case 13, 15 -> UINT32;
            case 14, 17 -> UINT64;
            case 18 -> BOOL;
            default -> null;
        };
    }

    /** By C++ type name as it appears in class and streamer names; null if not a basic type. */
    public static BasicType ofCppName(String name) {
        return switch (name.strip()) {
            case "bool", "Bool_t" -> BOOL;
            case "char", "Char_t", "signed char", "int8_t" -> INT8;
            case "unsigned char", "UChar_t", "uint8_t" -> UINT8;
            case "short", "Short_t", "int16_t", "short int" -> INT16;
            case "unsigned short", "UShort_t", "uint16_t", "unsigned short int" -> UINT16;
            case "int", "Int_t", "int32_t" -> INT32;
            case "unsigned int", "UInt_t", "uint32_t", "unsigned" -> UINT32;
            case "long", "Long_t", "long long", "Long64_t", "int64_t", "long int" -> INT64;
            case "unsigned long", "ULong_t", "unsigned long long", "ULong64_t", "uint64_t", "unsigned long int" -> UINT64;
            case "float", "Float_t" -> FLOAT32;
            case "double", "Double_t" -> FLOAT64;
            default -> null;
        };
    }

    /** The element type of {@code vector<T>} for a basic T, else null. */
    public static BasicType ofVectorTypeName(String typeName) {
        String t = typeName.strip();
        if (t.startsWith("std::")) {
            t = t.substring(5);
        }
        if (!t.startsWith("vector<") || !t.endsWith(">")) {
            return null;
        }
        return ofCppName(t.substring(7, t.length() - 1));
    }

    /** The type of a TLeaf subclass (TLeafO, TLeafB, TLeafS, TLeafI, TLeafL, TLeafF, TLeafD, TLeafG). */
    public static BasicType ofLeafClass(String leafClass, boolean unsigned) {
        return switch (leafClass) {
            case "TLeafO" -> BOOL;
            case "TLeafB" -> unsigned ? UINT8 : INT8;
            case "TLeafS" -> unsigned ? UINT16 : INT16;
            case "TLeafI" -> unsigned ? UINT32 : INT32;
            case "TLeafL", "TLeafG" -> unsigned ? UINT64 : INT64;
            case "TLeafF" -> FLOAT32;
            case "TLeafD" -> FLOAT64;
            default -> null;
        };
    }
}
