import { registry } from "@web/core/registry";
import { graphView } from "@web/views/graph/graph_view";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

/**
 * The complaints' graph paints each SLA status in its meaning -- kept green, at risk orange,
 * broken red -- instead of the palette's order (which painted "Met" red and "Failed" blue).
 * A dataset is one value of the second group-by; when that is the SLA status, its raw value
 * is in the dataset's identifiers (JSON lists of ``{group-by spec: value}``).
 */
export const SLA_COLORS = {
    on_track: "#43C5B1",
    met: "#28A745",
    at_risk: "#F4A261",
    overdue: "#EA6175",
    failed: "#B02A37",
};

export class PengaduanSlaGraphRenderer extends GraphRenderer {
    getBarChartData() {
        const data = super.getBarChartData();
        for (const dataset of data.datasets) {
            for (const identifier of dataset.identifiers || []) {
                const state = JSON.parse(identifier)
                    .map((raw) => raw.sla_state)
                    .find((value) => value in SLA_COLORS);
                if (state) {
                    dataset.backgroundColor = SLA_COLORS[state];
                    break;
                }
            }
        }
        return data;
    }
}

registry.category("views").add("pengaduan_sla_graph", {
    ...graphView,
    Renderer: PengaduanSlaGraphRenderer,
});
