package dln.chaincode.query;

import com.google.gson.JsonElement;
import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** One page of a listing; pass {@code bookmark} back for the next page, "" means there is none. */
@DataType
public record Page(List<JsonElement> items, @Property String bookmark, @Property int count) {
    public Page {
        items = List.copyOf(items);
    }
}
