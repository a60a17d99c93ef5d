package gatefold.server.books;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;

/**
 * How every page gets the stamp form into its resources: a new version of whichever
 * object holds the resources (the page, an ancestor, a shared resources or XObject
 * dictionary), each written once however many pages share it, under a name no page uses.
 */
final class StampResources {

    /** The form's resource name; objects to write again with their new content; direct resources for pages. */
    record Plan(COSName name, Map<COSObjectKey, COSDictionary> rewrites, Map<COSObjectKey, COSDictionary> pageResources) {
    }

    private final COSName name;
    private final COSObject form;
    private final Map<COSObjectKey, COSDictionary> rewrites = new LinkedHashMap<>();
    private final Map<COSObjectKey, COSDictionary> pageResources = new LinkedHashMap<>();

    private StampResources(COSName name, COSObject form) {
        this.name = name;
        this.form = form;
    }

    static Plan plan(List<PageWalk.Page> pages, COSObject form) throws PdfUpdate.NeedsRewrite {
        StampResources plan = new StampResources(freeName(pages), form);
        for (PageWalk.Page page : pages) {
            plan.add(page);
        }
        return new Plan(plan.name, plan.rewrites, plan.pageResources);
    }

    private void add(PageWalk.Page page) throws PdfUpdate.NeedsRewrite {
        PageWalk.Resources res = page.resources();
        if (res == null) {
            COSDictionary fresh = new COSDictionary();
            fresh.setItem(COSName.XOBJECT, augment(null));
            pageResources.put(page.key(), fresh);
        } else if (res.raw() instanceof COSObject ref) {
            rewriteIndirect(ref, this::augmentResources);
        } else if (!(res.raw() instanceof COSDictionary direct)) {
            throw new PdfUpdate.NeedsRewrite("a page's /Resources is not a dictionary");
        } else if (res.holder() == null) {
            pageResources.put(page.key(), augmentResources(direct));
        } else if (!rewrites.containsKey(res.holder())) {
            COSDictionary ancestor = new COSDictionary(res.holderDict());
            ancestor.setItem(COSName.RESOURCES, augmentResources(direct));
            rewrites.put(res.holder(), ancestor);
        }
    }

    private interface Augment {
        COSDictionary apply(COSDictionary dict) throws PdfUpdate.NeedsRewrite;
    }

    private void rewriteIndirect(COSObject ref, Augment augment) throws PdfUpdate.NeedsRewrite {
        COSObjectKey key = new COSObjectKey(ref.getObjectNumber(), ref.getGenerationNumber());
        if (rewrites.containsKey(key)) {
            return;
        }
        if (!(ref.getObject() instanceof COSDictionary dict) || dict instanceof org.apache.pdfbox.cos.COSStream) {
            throw new PdfUpdate.NeedsRewrite("a resources entry points at something that is not a dictionary");
        }
        rewrites.put(key, augment.apply(dict));
    }

    /** A copy of the resources with the form added to its XObjects (a shared XObject dictionary is rewritten instead). */
    private COSDictionary augmentResources(COSDictionary resources) throws PdfUpdate.NeedsRewrite {
        COSDictionary copy = new COSDictionary(resources);
        COSBase xobjects = resources.getItem(COSName.XOBJECT);
        if (xobjects instanceof COSObject ref) {
            rewriteIndirect(ref, this::augment);
        } else {
            copy.setItem(COSName.XOBJECT, augment(xobjects instanceof COSDictionary d ? d : null));
        }
        return copy;
    }

    private COSDictionary augment(COSDictionary xobjects) {
        COSDictionary copy = xobjects == null ? new COSDictionary() : new COSDictionary(xobjects);
        copy.setItem(name, form);
        return copy;
    }

    /** "GatefoldStamp", or with a number after it if some page already uses that name. */
    private static COSName freeName(List<PageWalk.Page> pages) {
        Set<String> used = new HashSet<>();
        for (PageWalk.Page page : pages) {
            COSBase raw = page.resources() == null ? null : page.resources().raw();
            COSBase res = raw instanceof COSObject o ? o.getObject() : raw;
            if (res instanceof COSDictionary dict && dict.getDictionaryObject(COSName.XOBJECT) instanceof COSDictionary x) {
                x.keySet().forEach(k -> used.add(k.getName()));
            }
        }
        String candidate = "GatefoldStamp";
        for (int i = 1; used.contains(candidate); i++) {
            candidate = "GatefoldStamp" + i;
        }
        return COSName.getPDFName(candidate);
    }
}
