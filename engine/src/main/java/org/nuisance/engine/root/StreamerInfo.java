package org.nuisance.engine.root;

import java.util.List;

/**
 * A class's on-disk layout as the file's TStreamerInfo record describes it: version, checksum and the
 * ordered members (bases first, as ROOT writes them).
 */
public record StreamerInfo(String className, int classVersion, long checksum, List<Element> elements) {

    /**
     * One TStreamerElement.
     *
     * @param kind      the element class (TStreamerBase, TStreamerBasicType, TStreamerString, ...)
     * @param type      ROOT's type code (0 base, 1..19 basic, +20 fixed array, +40 counted pointer, 61..71 objects, 300 STL)
     * @param countName for counted pointers ({@code T* //[n]}), the member holding the length
     */
    public record Element(String kind, String name, String title, int type, int size, int arrayLength,
                          String typeName, int baseVersion, String countName, int stlType, int ctype) {
    }

    public Element element(String name) {
        for (Element e : elements) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
